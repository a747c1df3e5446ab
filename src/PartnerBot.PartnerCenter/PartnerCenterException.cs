namespace PartnerBot.PartnerCenter;

/// <summary>What went wrong, in the domain's words; the bot turns each into a clear message.</summary>
public enum PartnerCenterFailure
{
    /// <summary>404 (code 1000): no such customer or resource.</summary>
    NotFound,

    /// <summary>403 with code 20002: the partner has no relationship with this customer.</summary>
    NoRelationship,

    /// <summary>401 with code 900421: the service account's token carries no MFA (an admin must consent again with MFA).</summary>
    MfaRequired,

    /// <summary>403 for an app-only token on an app+user-only resource (company profile, self-serve policy).</summary>
    AppOnlyNotAllowed,

    /// <summary>401/403 otherwise: the app registration or its consent is wrong.</summary>
    NotAuthorized,

    /// <summary>412, or 400 with code 2055: someone changed the resource since it was read.</summary>
    StaleEtag,

    /// <summary>409: it exists already (a duplicate self-serve policy).</summary>
    AlreadyExists,

    /// <summary>400: the API refused a value; <see cref="PartnerCenterException.Field"/> names it when the API did.</summary>
    InvalidInput,

    /// <summary>429 with a wait longer than a turn can afford.</summary>
    Throttled,

    /// <summary>5xx, timeouts, connection failures, an open circuit: try again later.</summary>
    Unavailable,

    /// <summary>A write whose outcome is unknown (it timed out or the connection broke after sending).</summary>
    OutcomeUnknown,

    /// <summary>The response could not be read (not the JSON the API documents).</summary>
    MalformedResponse,

    /// <summary>App+user calls need the service account's refresh token, and none is configured.</summary>
    NotConfigured,
}

/// <summary>
/// A failed Partner Center call. The message is for logs and never holds the API's own text, a token or
/// a secret; users see the bot's localized words for <see cref="Failure"/>.
/// </summary>
public sealed class PartnerCenterException : Exception
{
    public PartnerCenterException(PartnerCenterFailure failure, int? statusCode = null, string? errorCode = null, string? field = null, Exception? inner = null)
        : base(Describe(failure, statusCode, errorCode), inner)
    {
        Failure = failure;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Field = field;
    }

    public PartnerCenterException()
        : this(PartnerCenterFailure.Unavailable)
    {
    }

    public PartnerCenterException(string message)
        : base(message)
    {
        Failure = PartnerCenterFailure.Unavailable;
    }

    public PartnerCenterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = PartnerCenterFailure.Unavailable;
    }

    public PartnerCenterFailure Failure { get; }

    public int? StatusCode { get; }

    /// <summary>Partner Center's error code (e.g. 2055, 20002, 900421).</summary>
    public string? ErrorCode { get; }

    /// <summary>The billing profile field the API refused, when it said which.</summary>
    public string? Field { get; }

    /// <summary>
    /// What an administrator must do when the failure is PartnerBot's own access to Partner Center (not the
    /// user's, not a passing outage); null otherwise. For logs and operators, never shown to a chat user.
    /// </summary>
    public string? AdminAdvice => Failure switch
    {
        PartnerCenterFailure.MfaRequired =>
            "Partner Center refused the service account's token because it carries no MFA (401, code 900421): sign in as the service account with MFA, consent again and store the new refresh token (README, Connect to Partner Center).",
        PartnerCenterFailure.AppOnlyNotAllowed =>
            "Partner Center accepts only app+user tokens for this call: set the service account's refresh token (PartnerCenter:RefreshToken or the Key Vault secret).",
        PartnerCenterFailure.NotAuthorized =>
            "Partner Center or Entra ID refused PartnerBot's credentials: check PartnerCenter:TenantId, PartnerCenter:ClientId, the client secret, the app's registration in Partner Center and the service account's consent.",
        PartnerCenterFailure.NotConfigured =>
            "Partner Center is not configured: set PartnerCenter:ClientId, PartnerCenter:ClientSecret and the service account's refresh token.",
        _ => null,
    };

    private static string Describe(PartnerCenterFailure failure, int? statusCode, string? errorCode) =>
        $"Partner Center call failed: {failure}" +
        (statusCode is { } status ? $" (HTTP {status}" + (errorCode is null ? ")" : $", code {errorCode})") : "");
}
