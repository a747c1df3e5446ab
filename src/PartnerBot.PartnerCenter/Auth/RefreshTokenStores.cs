using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace PartnerBot.PartnerCenter.Auth;

/// <summary>
/// The refresh token from configuration (<c>PartnerCenter:RefreshToken</c>). Configuration cannot be written,
/// so a rotated token is kept in memory for this process: fine for a laptop, Key Vault for production.
/// </summary>
public sealed class ConfigurationRefreshTokenStore(PartnerCenterOptions options, ILogger<ConfigurationRefreshTokenStore> logger) : IRefreshTokenStore
{
    private volatile string? _current = options.RefreshToken;
    private int _warned;

    public Task<string?> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrWhiteSpace(_current) ? null : _current);

    public Task WriteAsync(string refreshToken, CancellationToken cancellationToken)
    {
        _current = refreshToken;
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            logger.LogWarning("Partner Center rotated the service account's refresh token; it is kept in memory only. Set PartnerCenter:KeyVaultUri to keep it across restarts.");
        }

        return Task.CompletedTask;
    }
}

/// <summary>The refresh token as a Key Vault secret, read with the host's managed identity (or developer sign-in).</summary>
public sealed class KeyVaultRefreshTokenStore : IRefreshTokenStore
{
    private readonly SecretClient _secrets;
    private readonly string _secretName;

    public KeyVaultRefreshTokenStore(PartnerCenterOptions options)
        : this(new SecretClient(options.KeyVaultUri ?? throw new ArgumentException("PartnerCenter:KeyVaultUri is not set.", nameof(options)), new DefaultAzureCredential()), options.RefreshTokenSecretName)
    {
    }

    public KeyVaultRefreshTokenStore(SecretClient secrets, string secretName)
    {
        _secrets = secrets;
        _secretName = secretName;
    }

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var secret = await _secrets.GetSecretAsync(_secretName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(secret.Value.Value) ? null : secret.Value.Value;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Not set in the vault yet: the same as no refresh token configured.
            return null;
        }
        catch (Azure.RequestFailedException ex)
        {
            throw new PartnerCenterException(PartnerCenterFailure.Unavailable, ex.Status, "KeyVault", inner: ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new PartnerCenterException(PartnerCenterFailure.NotAuthorized, errorCode: "KeyVault", inner: ex);
        }
    }

    public Task WriteAsync(string refreshToken, CancellationToken cancellationToken) =>
        _secrets.SetSecretAsync(_secretName, refreshToken, cancellationToken);
}
