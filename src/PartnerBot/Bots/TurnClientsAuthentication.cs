using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace PartnerBot.Bots;

/// <summary>
/// The SDK's authentication with the two clients CloudAdapter makes for every turn made cheaper (issue 13). The
/// adapter builds a <see cref="ConnectorClient"/> and a user token client (an <c>OAuthClient</c>) per activity and
/// disposes both at the end of the turn; each construction compiles Microsoft.Rest's user-agent regular expressions,
/// 12% of the server's CPU under load. Here the connector client of a channel endpoint is made once and kept, as the
/// SDK's older BotFrameworkAdapter kept its clients (it is stateless between calls; its credentials refresh their own
/// token), and the user token client is made only when a turn uses it (PartnerBot has no sign-in, so never).
/// Authentication itself is the inner one's, unchanged.
/// </summary>
public sealed class TurnClientsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    /// <summary>Channel endpoints kept at most; Teams has a handful of regional ones, anything past this is made per turn.</summary>
    public const int MaxKeptConnectors = 32;

    private readonly ConcurrentDictionary<(string? BotAppId, string ServiceUrl, string? Audience), Task<IConnectorClient>> _connectors = new();

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = new KeptConnectorFactory(this, result.ConnectorFactory, BotAppIdOf(result.ClaimsIdentity));
        return result;
    }

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new KeptConnectorFactory(this, inner.CreateConnectorFactory(claimsIdentity), BotAppIdOf(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new UserTokenClientOnUse(() => inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken)));

    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>The bot the request was addressed to (the token's audience): the credentials of a connector client are this bot's.</summary>
    private static string? BotAppIdOf(ClaimsIdentity? identity) =>
        identity?.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AudienceClaim)?.Value
        ?? identity?.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AppIdClaim)?.Value;

    private async Task<IConnectorClient> ConnectorAsync(ConnectorFactory factory, string? botAppId, string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        var key = (botAppId, serviceUrl, audience);
        if (!_connectors.TryGetValue(key, out var kept))
        {
            if (_connectors.Count >= MaxKeptConnectors)
            {
                return await factory.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            }

            kept = _connectors.GetOrAdd(key, _ => factory.CreateAsync(serviceUrl, audience, CancellationToken.None));
        }

        try
        {
            return new KeptConnectorClient(await kept.ConfigureAwait(false));
        }
        catch
        {
            // A failed creation is not kept: the next turn tries again.
            _connectors.TryRemove(new KeyValuePair<(string?, string, string?), Task<IConnectorClient>>(key, kept));
            throw;
        }
    }

    private sealed class KeptConnectorFactory(TurnClientsAuthentication owner, ConnectorFactory inner, string? botAppId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            owner.ConnectorAsync(inner, botAppId, serviceUrl, audience, cancellationToken);
    }

    /// <summary>A kept connector client handed to one turn: the adapter disposes it at the end of the turn, which leaves the kept one open.</summary>
    private sealed class KeptConnectorClient(IConnectorClient kept) : IConnectorClient
    {
        public Uri BaseUri
        {
            get => kept.BaseUri;
            set => throw new NotSupportedException("The connector client is shared by the turns to this channel endpoint; its address cannot be changed.");
        }

        public JsonSerializerSettings SerializationSettings => kept.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => kept.DeserializationSettings;

        public ServiceClientCredentials Credentials => kept.Credentials;

        public IAttachments Attachments => kept.Attachments;

        public IConversations Conversations => kept.Conversations;

        public void Dispose()
        {
        }
    }

    /// <summary>The turn's user token client, made by the inner authentication the first time the turn calls it.</summary>
    private sealed class UserTokenClientOnUse(Func<Task<UserTokenClient>> create) : UserTokenClient
    {
        private Task<UserTokenClient>? _client;

        private Task<UserTokenClient> Client => LazyInitializer.EnsureInitialized(ref _client, create);

        public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            await (await Client.ConfigureAwait(false)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken).ConfigureAwait(false);

        public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            await (await Client.ConfigureAwait(false)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken).ConfigureAwait(false);

        public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            await (await Client.ConfigureAwait(false)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken).ConfigureAwait(false);

        public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            await (await Client.ConfigureAwait(false)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken).ConfigureAwait(false);

        public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            await (await Client.ConfigureAwait(false)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken).ConfigureAwait(false);

        public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            await (await Client.ConfigureAwait(false)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken).ConfigureAwait(false);

        protected override void Dispose(bool disposing)
        {
            if (disposing && _client is { IsCompletedSuccessfully: true } made)
            {
                made.Result.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
