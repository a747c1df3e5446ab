namespace PartnerBot.PartnerCenter;

/// <summary>
/// Settings of the Partner Center connector (section <c>PartnerCenter</c>). The two URLs are settings so
/// that tests and sovereign clouds point them elsewhere.
/// </summary>
public sealed class PartnerCenterOptions
{
    public const string SectionName = "PartnerCenter";

    /// <summary>The token audience: tokens for the old graph.windows.net audience are refused since August 2025.</summary>
    public const string Audience = "https://api.partnercenter.microsoft.com";

    public Uri BaseUrl { get; set; } = new("https://api.partnercenter.microsoft.com/v1");

    /// <summary>The Entra authority; <c>{tenant}</c> is replaced by <see cref="TenantId"/>.</summary>
    public string Authority { get; set; } = "https://login.microsoftonline.com/{tenant}";

    /// <summary>The partner's own tenant, where the app registration lives.</summary>
    public string TenantId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>A PFX file with the app's certificate, used instead of <see cref="ClientSecret"/> when set.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The partner service account's refresh token (Secure Application Model), for app+user calls. The
    /// fallback when <see cref="KeyVaultUri"/> is not set; a rotated token then lives only in memory.
    /// </summary>
    public string? RefreshToken { get; set; }

    /// <summary>Key Vault holding the refresh token (read on start, rotated token written back).</summary>
    public Uri? KeyVaultUri { get; set; }

    public string RefreshTokenSecretName { get; set; } = "PartnerCenterRefreshToken";

    /// <summary>How long one call may take in all, retries included: a turn must be answered within 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long one attempt may take before it is abandoned (and a read retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public int MaxRetries { get; set; } = 3;

    /// <summary>A throttled call waits Retry-After only when it is this short; longer, the user hears "busy, try again".</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the local customer mirror is refreshed from Partner Center.</summary>
    public TimeSpan MirrorRefreshInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Customers per page when the mirror pages through the customer list (at most 500).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How far back the history conversation looks in Partner Center's audit records.</summary>
    public TimeSpan AuditLookback { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Country validation rules change rarely: each country's are kept this long.</summary>
    public TimeSpan CountryRulesCacheDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The authority with the tenant filled in.</summary>
    public string ResolvedAuthority =>
        Authority.Replace("{tenant}", string.IsNullOrWhiteSpace(TenantId) ? "organizations" : TenantId, StringComparison.Ordinal).TrimEnd('/');
}
