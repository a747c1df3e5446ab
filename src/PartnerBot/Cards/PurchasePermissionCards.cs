using PartnerBot.Domain.Staff;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// What the purchase permission cards show: a customer, its switch, whether it has an Azure plan, the roles the
/// policy lets change it, and whether the person the card is for holds one of them (<paramref name="MayChange"/>).
/// </summary>
public sealed record PurchasePermissionView(
    string CustomerName, bool IsAllowed, bool HasAzurePlan, IReadOnlyList<PartnerRole> AllowedRoles, UiLanguage Language, bool MayChange);

/// <summary>
/// The cards of the purchase permission conversation: the state with what the switch means, the confirm
/// card (which names the change old → new), and the confirm card as it reads after submit.
/// </summary>
public static class PurchasePermissionCards
{
    /// <summary>Choice values of the state card's buttons (typed words do the same: see the dialog).</summary>
    public const string Allow = "allowPurchases";
    public const string Revoke = "revokePurchases";
    public const string Done = "done";

    public static readonly ButtonChoice AllowChoice = new(Allow, PurchasePermissionTexts.AllowButton, Vocabulary.AllowPurchases, ActionStyle.Positive);

    public static readonly ButtonChoice RevokeChoice = new(Revoke, PurchasePermissionTexts.RevokeButton, Vocabulary.RevokePurchases, ActionStyle.Destructive);

    public static readonly ButtonChoice DoneChoice = new(Done, SharedTexts.DoneButton, Vocabulary.KeepPurchases);

    /// <summary>
    /// The state card's answers: the switch that changes the state, then Done. Typing the other direction is
    /// understood too (the dialog says it is already so).
    /// </summary>
    public static IReadOnlyList<ButtonChoice> StateChoices(bool isAllowed) =>
        isAllowed ? [RevokeChoice, DoneChoice, AllowChoice] : [AllowChoice, DoneChoice, RevokeChoice];

    /// <summary>
    /// The state and what it means, with the one switch that changes it and Done: the answer to "can Contoso buy?".
    /// The switch is there only for someone who may change it, and "Allow purchases" only for a customer with an
    /// Azure plan (the card says why not); the confirm checks the role again.
    /// </summary>
    public static AdaptiveCard StateCard(PurchasePermissionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var canSwitch = view.MayChange && (view.IsAllowed || view.HasAzurePlan);
        return new AdaptiveCard
        {
            Body = [.. Header(view), .. Meaning(view)],
            Actions = [.. StateChoices(view.IsAllowed).Take(2).Where(c => canSwitch || c == DoneChoice).Select(c => c.ToAction(l))],
        };
    }

    /// <summary>Asks to confirm switching to <paramref name="allow"/>; the buttons carry the change id so an old card cannot confirm a new change.</summary>
    public static AdaptiveCard ConfirmCard(PurchasePermissionView view, bool allow, string changeId)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var id = new Dictionary<string, object> { [ChangesCards.ChangeIdKey] = changeId };
        var question = allow ? PurchasePermissionTexts.ConfirmAllow : PurchasePermissionTexts.ConfirmRevoke;
        return new AdaptiveCard
        {
            Body =
            [
                .. Header(view),
                new TextBlock { Text = question.Format(l, view.CustomerName), Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new FactSet { Facts = [new Fact(PurchasePermissionTexts.FieldLabel.In(l), $"{State(view)} → {(allow ? PurchasePermissionTexts.On : PurchasePermissionTexts.Off).In(l)}")] },
                .. Meaning(view),
                new TextBlock { Text = PurchasePermissionTexts.ConfirmHint.In(l), IsSubtle = true, Size = TextSize.Small },
            ],
            Actions =
            [
                CardActions.Execute(
                    (allow ? PurchasePermissionTexts.AllowButton : PurchasePermissionTexts.RevokeButton).In(l),
                    ChangesCards.Confirm,
                    id,
                    allow ? ActionStyle.Positive : ActionStyle.Destructive),
                CardActions.Execute(SharedTexts.CancelButton.In(l), ChangesCards.Cancel, id),
            ],
        };
    }

    /// <summary>The confirm card after the switch was applied: no buttons, so it cannot be pressed again.</summary>
    public static AdaptiveCard SubmittedCard(PurchasePermissionView view, bool allowed, string submittedBy, DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(view);
        var l = view.Language;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock
                {
                    Text = "✅ " + (allowed ? PurchasePermissionTexts.AllowedTitle : PurchasePermissionTexts.RevokedTitle).Format(l, view.CustomerName),
                    Size = TextSize.Large,
                    Weight = TextWeight.Bolder,
                },
                new TextBlock { Text = SharedTexts.SubmittedBy.Format(l, submittedBy, local.ToString("g", l.Culture())), IsSubtle = true },
                new FactSet { Facts = [new Fact(PurchasePermissionTexts.FieldLabel.In(l), (allowed ? PurchasePermissionTexts.On : PurchasePermissionTexts.Off).In(l))] },
            ],
        };
    }

    private static string State(PurchasePermissionView view) =>
        view.IsAllowed ? PurchasePermissionTexts.On.In(view.Language)
        : view.HasAzurePlan ? PurchasePermissionTexts.Off.In(view.Language)
        : PurchasePermissionTexts.NoPlanState.In(view.Language);

    private static IEnumerable<CardElement> Header(PurchasePermissionView view)
    {
        var l = view.Language;
        yield return new TextBlock { Text = PurchasePermissionTexts.Title.Format(l, view.CustomerName), Size = TextSize.Large, Weight = TextWeight.Bolder };
        yield return new FactSet { Facts = [new Fact(PurchasePermissionTexts.FieldLabel.In(l), State(view))] };
        if (!view.HasAzurePlan && !view.IsAllowed)
        {
            yield return Container.Notice(PurchasePermissionTexts.HasNoAzurePlan.In(l));
        }
    }

    private static IEnumerable<CardElement> Meaning(PurchasePermissionView view)
    {
        var l = view.Language;
        yield return new TextBlock { Text = PurchasePermissionTexts.WhatItMeans.In(l), Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium };
        foreach (var line in new[] { PurchasePermissionTexts.MeansOwners, PurchasePermissionTexts.MeansBilled, PurchasePermissionTexts.MeansNoExchange, PurchasePermissionTexts.MeansAzurePlan })
        {
            yield return new TextBlock { Text = "• " + line.In(l), Spacing = Spacing.Small };
        }

        yield return new TextBlock { Text = PurchasePermissionTexts.WhoMay.Format(l, RoleNames.List(view.AllowedRoles, l)), IsSubtle = true, Size = TextSize.Small };
    }
}
