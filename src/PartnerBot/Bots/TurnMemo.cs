using System.Runtime.CompilerServices;
using Microsoft.Bot.Builder;
using PartnerBot.Cards;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Validation;

namespace PartnerBot.Bots;

/// <summary>
/// What this app's code remembers for the length of one turn, for every attempt <see cref="ConcurrentTurn"/> makes
/// of it: the same lifetime as the turn's TurnState, held beside it rather than in it. The SDK (4.23.1) builds
/// TurnState with StringComparer.InvariantCultureIgnoreCase, so each Get, Set, ContainsKey or Remove there computes
/// an ICU sort key of the whole key (2.5-3% of the server's CPU in issue 13's profile); a table keyed by the
/// TurnState object itself finds this memo by reference, without hashing any text.
/// </summary>
internal sealed class TurnMemo
{
    // Keyed by the TurnState, not the ITurnContext: the activity handler wraps the context per activity type
    // (DelegatingTurnContext), and every wrapper hands out the one TurnState. An entry goes when its TurnState does.
    private static readonly ConditionalWeakTable<TurnContextStateCollection, TurnMemo> Memos = [];

    /// <summary>The turn's memo, made at its first use.</summary>
    public static TurnMemo Of(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return Memos.GetValue(turnContext.TurnState, static _ => new TurnMemo());
    }

    /// <summary>The turn's memo if one was made, else null (a reader needs none made for it).</summary>
    public static TurnMemo? Find(ITurnContext turnContext) =>
        turnContext is not null && Memos.TryGetValue(turnContext.TurnState, out var memo) ? memo : null;

    /// <summary>The outcome a step chose for the pressed card (<see cref="Conversations.PressedCard"/>).</summary>
    public AdaptiveCard? PressedOutcome { get; set; }

    /// <summary>The utterance recognized in this turn and what it was recognized as (<see cref="Conversations.TurnRecognition"/>).</summary>
    public (string Utterance, Recognition Result)? Recognized { get; set; }

    /// <summary>The billing profile the form's submit validated, with the draft it came from (BillingEditDialog).</summary>
    public (BillingProfile Profile, BillingProfileDraft Draft)? ValidatedBilling { get; set; }

    /// <summary>Partner Center's doubt about the validated address, if it had one (BillingEditDialog).</summary>
    public AddressValidation? AddressDoubt { get; set; }

    /// <summary>Operation ids an attempt of this turn applied (<see cref="ConcurrentTurn.RecordApplied"/>).</summary>
    public HashSet<string>? AppliedOperations { get; set; }

    /// <summary>What the card about to be remembered shows of an account (<see cref="SharedCardViews"/>).</summary>
    public SharedCardView? ShownCustomer { get; set; }

    /// <summary>Whether a card with buttons was stamped as a message in this turn (<see cref="SharedCardViews"/>).</summary>
    public bool StampedCard { get; set; }

    /// <summary>Whether <see cref="TenantId"/> was read from the activity yet (<see cref="TurnIdentity.TenantId"/>).</summary>
    public bool TenantRead { get; set; }

    /// <summary>The turn's tenant as read from its activity (null when it names none).</summary>
    public string? TenantId { get; set; }

    /// <summary>The press's answer in the making, registered before the turn ran (<see cref="CardActionReply"/>).</summary>
    public CardActionReply? CardActionReply { get; set; }
}
