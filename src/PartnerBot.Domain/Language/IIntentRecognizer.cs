using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Staff;

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
    /// <summary>
    /// Understands <paramref name="utterance"/>. Customers are looked up only with <paramref name="read"/>
    /// (a person who may view accounts); without it the intent and the mention's words are still
    /// recognized, but <see cref="Recognition.Customers"/> is empty, so no customer name reaches a person who
    /// may not see it.
    /// </summary>
    Task<Recognition> RecognizeAsync(string utterance, AuthorizedRead? read, CancellationToken cancellationToken);
}
