namespace PartnerBot.Graph;

/// <summary>
/// How PartnerBot reaches Microsoft Graph ("Graph" section). Graph has its own keys even when it reuses the
/// bot's app registration: MicrosoftAppId belongs to the Bot Framework.
/// </summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    /// <summary>Graph's root, version included. Tests point it at a stand-in on 127.0.0.1.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>The Entra ID authority host; a tenant in its path is used when <see cref="TenantId"/> is empty.</summary>
    public Uri Authority { get; set; } = new("https://login.microsoftonline.com");

    /// <summary>The partner's tenant, where the app registration lives (defaults to Teams:AllowedTenantId).</summary>
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The app registration's secret. Leave empty to use a certificate or, in Azure, the managed identity.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PFX or PEM file holding the app registration's certificate with its private key.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>
    /// The most one role lookup may take, retries and Retry-After waits included, so a turn still answers
    /// within what Teams waits for a bot (15 s) after Graph was slow.
    /// </summary>
    public TimeSpan LookupBudget { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The authority host without a path (what Azure.Identity calls the AuthorityHost).</summary>
    internal Uri AuthorityHost => new(Authority.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>The tenant to acquire tokens in: TenantId, else the tenant in the authority's path, else the fallback.</summary>
    internal string? TenantOr(string? fallback)
    {
        if (!string.IsNullOrWhiteSpace(TenantId))
        {
            return TenantId;
        }

        var fromPath = Authority.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrWhiteSpace(fromPath) ? fallback : fromPath;
    }
}
