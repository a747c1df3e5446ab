using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;

namespace PartnerBot.PartnerCenter.Auth;

/// <summary>
/// Tokens from Entra ID through MSAL: client credentials for app-only calls; for app+user calls the
/// service account's refresh token (Secure Application Model) exchanged once, then renewed silently from
/// MSAL's cache. MSAL renews an access token five minutes before it expires. When Entra hands out a new
/// refresh token it is written back to the <see cref="IRefreshTokenStore"/>. No token is ever logged.
/// </summary>
public sealed class MsalPartnerCenterTokens : IPartnerCenterTokens, IDisposable
{
    private static readonly string[] AppOnlyScopes = [PartnerCenterOptions.Audience + "/.default"];
    private static readonly string[] AppUserScopes = [PartnerCenterOptions.Audience + "/user_impersonation"];

    // Microsoft's own login hosts; any other authority (a sovereign stand-in, a test on loopback) cannot be
    // checked against login.microsoftonline.com's instance discovery, which would fail without internet.
    private static readonly HashSet<string> MicrosoftLoginHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn",
    };

    // Null until the app registration is configured: the host still starts (a fresh deployment before the
    // app is registered), /readyz says what is missing, and every call fails as NotConfigured.
    private readonly IConfidentialClientApplication? _app;
    private readonly IRefreshTokenStore _refreshTokens;
    private readonly ILogger<MsalPartnerCenterTokens> _logger;
    private readonly SemaphoreSlim _userGate = new(1, 1);
    private IAccount? _serviceAccount;
    private string? _lastKnownRefreshToken;
    private volatile string? _rotatedRefreshToken;

    public MsalPartnerCenterTokens(
        PartnerCenterOptions options, IRefreshTokenStore refreshTokens, IMsalHttpClientFactory httpClientFactory, ILogger<MsalPartnerCenterTokens> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _refreshTokens = refreshTokens;
        _logger = logger;
        Missing = string.IsNullOrWhiteSpace(options.ClientId) ? "PartnerCenter:ClientId"
            : string.IsNullOrWhiteSpace(options.ClientSecret) && string.IsNullOrWhiteSpace(options.CertificatePath) ? "PartnerCenter:ClientSecret or PartnerCenter:CertificatePath"
            : null;
        if (Missing is not null)
        {
            logger.LogError("Partner Center is not configured: {Missing} is not set; no customer can be read until it is", Missing);
            return;
        }

        var authority = options.ResolvedAuthority;
        var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId)
            .WithAuthority(authority)
            .WithInstanceDiscovery(MicrosoftLoginHosts.Contains(new Uri(authority).Host))
            .WithHttpClientFactory(httpClientFactory)
            .WithLogging((_, _, _) => { }, Microsoft.Identity.Client.LogLevel.Error, enablePiiLogging: false, enableDefaultPlatformLogging: false);
        builder = !string.IsNullOrWhiteSpace(options.CertificatePath)
            ? builder.WithCertificate(X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword))
            : builder.WithClientSecret(options.ClientSecret!);
        _app = builder.Build();
        _app.UserTokenCache.SetAfterAccess(NoteRotatedRefreshToken);
    }

    /// <summary>The setting that must be set before any token can be had; null when configured.</summary>
    public string? Missing { get; }

    public void Dispose() => _userGate.Dispose();

    public async Task<string> GetAccessTokenAsync(PartnerCenterCredential credential, CancellationToken cancellationToken)
    {
        var client = _app ?? throw new PartnerCenterException(PartnerCenterFailure.NotConfigured, errorCode: Missing);
        try
        {
            return credential == PartnerCenterCredential.AppOnly
                ? (await client.AcquireTokenForClient(AppOnlyScopes).ExecuteAsync(cancellationToken).ConfigureAwait(false)).AccessToken
                : await GetAppUserTokenAsync(client, cancellationToken).ConfigureAwait(false);
        }
        catch (MsalServiceException ex)
        {
            // AADSTS codes say why (consent missing, refresh token expired, MFA required); the message is not logged
            // because it can echo request details.
            _logger.LogError("Partner Center token request refused by Entra ID: {ErrorCode} (HTTP {Status}); credential {Credential}", ex.ErrorCode, ex.StatusCode, credential);
            throw new PartnerCenterException(PartnerCenterFailure.NotAuthorized, ex.StatusCode, ex.ErrorCode);
        }
        catch (MsalClientException ex)
        {
            _logger.LogError("Partner Center token could not be requested: {ErrorCode}; credential {Credential}", ex.ErrorCode, credential);
            throw new PartnerCenterException(PartnerCenterFailure.Unavailable, errorCode: ex.ErrorCode);
        }
    }

    private async Task<string> GetAppUserTokenAsync(IConfidentialClientApplication client, CancellationToken cancellationToken)
    {
        await _userGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            AuthenticationResult result;
            if (_serviceAccount is not null)
            {
                try
                {
                    result = await client.AcquireTokenSilent(AppUserScopes, _serviceAccount).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    await WriteBackRotatedAsync(cancellationToken).ConfigureAwait(false);
                    return result.AccessToken;
                }
                catch (MsalUiRequiredException)
                {
                    // The cached refresh token is no longer good: start again from the stored one.
                    _serviceAccount = null;
                }
            }

            var refreshToken = await _refreshTokens.ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new PartnerCenterException(PartnerCenterFailure.NotConfigured);
            _lastKnownRefreshToken = refreshToken;
            result = await ((IByRefreshToken)client).AcquireTokenByRefreshToken(AppUserScopes, refreshToken).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            _serviceAccount = result.Account;
            await WriteBackRotatedAsync(cancellationToken).ConfigureAwait(false);
            return result.AccessToken;
        }
        finally
        {
            _userGate.Release();
        }
    }

    private async Task WriteBackRotatedAsync(CancellationToken cancellationToken)
    {
        var rotated = _rotatedRefreshToken;
        if (rotated is null || string.Equals(rotated, _lastKnownRefreshToken, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await _refreshTokens.WriteAsync(rotated, cancellationToken).ConfigureAwait(false);
            _lastKnownRefreshToken = rotated;
            _logger.LogInformation("Partner Center service account's refresh token rotated and stored");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The old refresh token still works for a while; the next call tries again.
            _logger.LogWarning("The rotated Partner Center refresh token could not be stored: {Error}", ex.GetType().Name);
        }
    }

    // MSAL keeps the newest refresh token in its user cache; the serialized cache is the only public way to see it.
    private void NoteRotatedRefreshToken(TokenCacheNotificationArgs args)
    {
        if (!args.HasStateChanged)
        {
            return;
        }

        using var cache = JsonDocument.Parse(args.TokenCache.SerializeMsalV3());
        if (cache.RootElement.TryGetProperty("RefreshToken", out var tokens))
        {
            foreach (var token in tokens.EnumerateObject())
            {
                if (token.Value.TryGetProperty("secret", out var secret) && secret.GetString() is { Length: > 0 } value)
                {
                    _rotatedRefreshToken = value;
                }
            }
        }
    }
}

/// <summary>MSAL's HTTP goes through IHttpClientFactory, so it shares the host's proxy and certificate settings.</summary>
public sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public const string ClientName = "PartnerCenter.Msal";

    public HttpClient GetHttpClient() => factory.CreateClient(ClientName);
}
