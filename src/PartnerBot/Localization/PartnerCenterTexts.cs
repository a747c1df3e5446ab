using PartnerBot.PartnerCenter;

namespace PartnerBot.Localization;

/// <summary>What a user reads when Partner Center could not answer a turn: the domain's words, never the API's.</summary>
public static class PartnerCenterTexts
{
    public static readonly Text Unavailable = new(
        "Partner Center is not answering right now, so I could not finish this step. Nothing was changed. Reference: {0}. Please try again in a minute.",
        "Partner Center nie odpowiada w tej chwili, więc nie mogłem dokończyć tego kroku. Niczego nie zmieniono. Identyfikator: {0}. Spróbuj ponownie za minutę.");

    public static readonly Text Throttled = new(
        "Partner Center asked me to slow down. Nothing was changed. Reference: {0}. Please try again in a minute.",
        "Partner Center poprosił o zwolnienie tempa. Niczego nie zmieniono. Identyfikator: {0}. Spróbuj ponownie za minutę.");

    public static readonly Text AccessRefused = new(
        "I can't reach Partner Center with PartnerBot's own account right now (its sign-in needs an administrator). Nothing was changed. Please tell your administrator, with reference {0}.",
        "Nie mogę teraz połączyć się z Partner Center kontem PartnerBota (jego logowanie wymaga działania administratora). Niczego nie zmieniono. Przekaż to administratorowi, podając identyfikator {0}.");

    public static readonly Text NoRelationship = new(
        "Partner Center says we have no relationship with this customer, so I can't show or change it. Reference: {0}.",
        "Partner Center podaje, że nie mamy relacji z tym klientem, więc nie mogę go pokazać ani zmienić. Identyfikator: {0}.");

    public static readonly Text NotFound = new(
        "Partner Center no longer knows this customer. Reference: {0}. Say *start over* to search again.",
        "Partner Center nie zna już tego klienta. Identyfikator: {0}. Napisz *od nowa*, aby wyszukać ponownie.");

    /// <summary>The answer for a turn that failed on <paramref name="failure"/>.</summary>
    public static Text For(PartnerCenterFailure failure) => failure switch
    {
        PartnerCenterFailure.Throttled => Throttled,
        PartnerCenterFailure.MfaRequired or PartnerCenterFailure.AppOnlyNotAllowed or PartnerCenterFailure.NotAuthorized
            or PartnerCenterFailure.NotConfigured => AccessRefused,
        PartnerCenterFailure.NoRelationship => NoRelationship,
        PartnerCenterFailure.NotFound => NotFound,
        _ => Unavailable,
    };
}
