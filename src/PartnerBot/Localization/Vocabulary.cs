namespace PartnerBot.Localization;

/// <summary>
/// The words the conversations recognize when typed, English and Polish together (people mix them), in one
/// place: interruptions, yes and no, and the typed twins of card buttons. Written folded (lower case, no
/// diacritics) where they are compared folded. What a whole request means (update, allow, history, a customer's
/// name) is the intent recognizer's lexicon, PartnerBot.Domain.Language.IntentLexicon.
/// </summary>
public static class Vocabulary
{
    public static readonly IReadOnlySet<string> Help = new HashSet<string>(StringComparer.Ordinal)
    {
        "help", "pomoc", "pomocy", "what can you do", "co potrafisz",
    };

    public static readonly IReadOnlySet<string> Cancel = new HashSet<string>(StringComparer.Ordinal)
    {
        "cancel", "anuluj", "stop", "quit", "przerwij", "koniec", "nevermind", "never mind",
    };

    public static readonly IReadOnlySet<string> StartOver = new HashSet<string>(StringComparer.Ordinal)
    {
        "start over", "od nowa", "restart", "zacznij od nowa", "reset", "start again", "jeszcze raz od poczatku",
    };

    /// <summary>Yes to "Did you mean …?".</summary>
    public static readonly IReadOnlyList<string> Yes = ["yes", "y", "yeah", "yep", "ok", "okay", "sure", "aha", "tak", "t", "jasne", "dobrze"];

    /// <summary>No to "Did you mean …?": the user wants to search again.</summary>
    public static readonly IReadOnlyList<string> No = ["no", "n", "nope", "nie", "search again", "szukaj ponownie", "inny"];

    public static readonly IReadOnlyList<string> SearchAgain = ["search again", "szukaj ponownie", "none", "zaden", "inny"];

    public static readonly IReadOnlyList<string> EditBilling = ["edit", "edytuj", "zmien", "change billing", "billing", "rozliczenia"];

    public static readonly IReadOnlyList<string> ChangePurchasePermission = ["permission", "purchase permission", "uprawnienia", "zakupy", "purchases"];

    public static readonly IReadOnlyList<string> Done = ["done", "ok", "thanks", "gotowe", "dzieki", "dzięki", "koniec"];

    public static readonly IReadOnlyList<string> AllowPurchases = ["allow", "enable", "turn on", "on", "zezwól", "pozwól", "włącz"];

    public static readonly IReadOnlyList<string> RevokePurchases = ["revoke", "disable", "turn off", "off", "block", "wyłącz", "zablokuj", "cofnij"];

    /// <summary>Done on the purchase state card: "no" there means "don't switch".</summary>
    public static readonly IReadOnlyList<string> KeepPurchases = ["done", "ok", "thanks", "no", "gotowe", "dzięki", "nie"];

    public static readonly IReadOnlyList<string> MoreHistory = ["more", "next", "więcej", "dalej", "następne"];
}
