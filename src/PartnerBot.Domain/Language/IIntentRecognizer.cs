using PartnerBot.Domain.Customers;

namespace PartnerBot.Domain.Language;

/// <summary>What a person asks for, in Polish or English.</summary>
public enum Intent
{
    /// <summary>Not one of the things the bot does.</summary>
    None,
    Greeting,
    Help,
    Cancel,
    StartOver,
    UpdateAccount,
    AllowPurchases,
    RevokePurchases,
    AskPurchaseState,
    History,
}

/// <summary>
/// An utterance understood: the intent, the words that name a customer (as typed, e.g. "Zaklady Miesne"),
/// and the customers the search found for them, best first (empty when no customer was mentioned or found).
/// </summary>
public sealed record Recognition(Intent Intent, string? CustomerMention, IReadOnlyList<CustomerMatch> Customers);

/// <summary>
/// Maps an utterance to an intent and a customer mention. Behind an interface so a cloud language service
/// could replace the project's own recognizer without touching the dialogs.
/// </summary>
public interface IIntentRecognizer
{
    Task<Recognition> RecognizeAsync(string utterance, CancellationToken cancellationToken);
}
