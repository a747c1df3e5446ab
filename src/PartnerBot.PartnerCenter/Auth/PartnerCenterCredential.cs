namespace PartnerBot.PartnerCenter.Auth;

/// <summary>Which token a call needs. Company profile and self-serve policy refuse app-only tokens.</summary>
public enum PartnerCenterCredential
{
    AppOnly,

    /// <summary>The partner service account's delegated token (Secure Application Model).</summary>
    AppUser,
}

/// <summary>Access tokens for the Partner Center API, cached and renewed before they expire.</summary>
public interface IPartnerCenterTokens
{
    Task<string> GetAccessTokenAsync(PartnerCenterCredential credential, CancellationToken cancellationToken);
}

/// <summary>
/// Where the service account's refresh token lives. Entra rotates refresh tokens: the newest one is
/// written back so the next start (or another instance) does not use a token that is about to die.
/// </summary>
public interface IRefreshTokenStore
{
    Task<string?> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(string refreshToken, CancellationToken cancellationToken);
}
