using PartnerBot.Domain.Accounts;
using PartnerBot.Localization;
using PartnerBot.PartnerCenter;

namespace PartnerBot.Bots;

/// <summary>
/// Partner Center's refusals in the domain's words: what the user reads (with a reference to quote), and for
/// PartnerBot's own access trouble, the administrator's advice in the log under the same reference.
/// </summary>
internal static class PartnerCenterAnswers
{
    /// <summary>The words for a Partner Center failure that ended a turn.</summary>
    public static Text For(PartnerCenterFailure failure) => failure switch
    {
        PartnerCenterFailure.Throttled => SharedTexts.PartnerCenterThrottled,
        PartnerCenterFailure.MfaRequired or PartnerCenterFailure.AppOnlyNotAllowed or PartnerCenterFailure.NotAuthorized
            or PartnerCenterFailure.NotConfigured => SharedTexts.PartnerCenterAccessRefused,
        PartnerCenterFailure.NoRelationship => SharedTexts.PartnerCenterNoRelationship,
        PartnerCenterFailure.NotFound => SharedTexts.PartnerCenterNotFound,
        _ => SharedTexts.PartnerCenterUnavailable,
    };

    /// <summary>
    /// What a retry card says when a write failed for a reason a passing outage's words would hide (PartnerBot's
    /// access, throttling, no relationship), with the advice logged; null for anything else, whose words the
    /// conversation has.
    /// </summary>
    public static string? AtSubmit(Exception? error, UiLanguage language, ILogger logger)
    {
        if (Find<PartnerCenterException>(error) is not { } refusal
            || refusal.Failure is not (PartnerCenterFailure.MfaRequired or PartnerCenterFailure.AppOnlyNotAllowed or PartnerCenterFailure.NotAuthorized
                or PartnerCenterFailure.NotConfigured or PartnerCenterFailure.Throttled or PartnerCenterFailure.NoRelationship))
        {
            return null;
        }

        var reference = Guid.NewGuid().ToString("N")[..12];
        if (refusal.AdminAdvice is { } advice)
        {
            logger.LogError("Partner Center access needs an administrator (CorrelationId={CorrelationId}): {Advice}", reference, advice);
        }
        else
        {
            logger.LogWarning("Partner Center refused a write: {Failure} (CorrelationId={CorrelationId})", refusal.Failure, reference);
        }

        return For(refusal.Failure).Format(language, reference) + " " + SharedTexts.ChangeKeptTryAgain.In(language);
    }

    /// <summary>The billing field Partner Center refused when a write failed with its 400 naming one; null otherwise.</summary>
    public static BillingProfileField? RefusedField(Exception? error) =>
        Find<PartnerCenterException>(error) is { Failure: PartnerCenterFailure.InvalidInput, Field: { } field }
            && Enum.TryParse<BillingProfileField>(field, ignoreCase: true, out var refused)
            ? refused
            : null;

    public static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
