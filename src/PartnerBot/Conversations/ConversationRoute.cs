using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Language;

namespace PartnerBot.Conversations;

/// <summary>
/// What a request said when it starts a conversation: what the user asked for, the customer they named, or a
/// customer already chosen (the account card's "Change purchase permission").
/// </summary>
public sealed record ConversationStart(Intent Intent, string? CustomerQuery = null, string? CustomerId = null, string? CustomerName = null);

/// <summary>
/// How the main dialog starts a conversation: the intents that ask for it (<see cref="Intent.None"/>: a bare
/// customer name), the welcome card's button that starts it, and the typed options it begins with, made from
/// the request, and what it keeps in dialog state (its options, its own state, the sources of the cards it waits
/// on; see <see cref="ConversationStateRecords"/>). Each conversation declares its own, so adding one is its dialog
/// plus one <see cref="ConversationRegistration.AddConversation{TDialog}"/> line.
/// </summary>
public sealed record ConversationRoute(
    string DialogId,
    IReadOnlyCollection<Intent> Intents,
    ConversationButton? Button,
    Func<ConversationStart, object> Options,
    Func<DialogStateRecords, DialogStateRecords>? Records = null);

/// <summary>A welcome card button: the verb it sends and the request it stands for, as if typed without a customer.</summary>
public sealed record ConversationButton(string Verb, Intent Intent);

/// <summary>A conversation's route with the dialog that runs it, as the main dialog finds it.</summary>
public sealed record RegisteredConversation(ConversationRoute Route, Dialog Dialog);

public static class ConversationRegistration
{
    /// <summary>Registers <typeparamref name="TDialog"/> (a stateless singleton) as a conversation the main dialog routes to.</summary>
    public static IServiceCollection AddConversation<TDialog>(this IServiceCollection services, ConversationRoute route)
        where TDialog : Dialog
    {
        ArgumentNullException.ThrowIfNull(route);
        services.AddSingleton<TDialog>();
        services.AddSingleton(route);
        services.AddSingleton(sp => new RegisteredConversation(route, sp.GetRequiredService<TDialog>()));
        return services;
    }

    /// <summary>The conversation that answers <paramref name="intent"/>, if one is registered.</summary>
    public static RegisteredConversation? For(this IEnumerable<RegisteredConversation> conversations, Intent intent) =>
        conversations.FirstOrDefault(c => c.Route.Intents.Contains(intent));

    /// <summary>The conversation the welcome card's button <paramref name="verb"/> starts, if one is registered.</summary>
    public static RegisteredConversation? ForVerb(this IEnumerable<RegisteredConversation> conversations, string? verb) =>
        verb is null ? null : conversations.FirstOrDefault(c => c.Route.Button?.Verb == verb);
}
