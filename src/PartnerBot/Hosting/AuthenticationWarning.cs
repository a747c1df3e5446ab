namespace PartnerBot.Hosting;

/// <summary>
/// Says once, at start, when channel authentication is off. Without MicrosoftAppId the SDK accepts any
/// activity without a token: anyone who can reach /api/messages can claim to be any staff member and have
/// the bot post to any serviceUrl. Right for a laptop and the Agents Playground, never for a reachable host.
/// </summary>
internal sealed class AuthenticationWarning(IConfiguration configuration, ILogger<AuthenticationWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]))
        {
            logger.LogWarning(
                "Channel authentication is OFF: MicrosoftAppId is empty, so /api/messages accepts activities without a token "
                + "and anyone who can reach it can act as any user. Use this only locally; set MicrosoftAppId (and its credential) anywhere else.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
