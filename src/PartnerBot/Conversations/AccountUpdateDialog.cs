using Microsoft.Bot.Builder;
using PartnerBot.Cards;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Language;
using PartnerBot.Domain.Staff;
using PartnerBot.Localization;
using PartnerBot.MessageExtension;

namespace PartnerBot.Conversations;

/// <summary>Which customer the update conversation starts with; a mention from the utterance, or nothing.</summary>
public sealed class AccountUpdateOptions
{
    public string? CustomerQuery { get; set; }

    /// <summary>A customer already chosen (the customer summary card's buttons); looked up again with the person's role.</summary>
    public string? CustomerId { get; set; }

    /// <summary>Straight to the billing form once the account is read (the summary card's "Edit billing information").</summary>
    public bool OpenForm { get; set; }

    /// <summary>
    /// The user only named a customer: viewing is enough to see the account, and changing billing is
    /// checked when they press Edit. Otherwise they asked to update, which is checked at the first step.
    /// </summary>
    public bool ViewOnly { get; set; }
}

/// <summary>Choose the customer → review the account → edit billing information (or go to purchase permission).</summary>
public sealed class AccountUpdateDialog : ComponentDialog
{
    public const string DialogId = nameof(AccountUpdateDialog);

    /// <summary>"update Contoso", the welcome card's button, or just a customer's name (<see cref="Intent.None"/>: view it).</summary>
    public static readonly ConversationRoute Route = new(
        DialogId,
        [Intent.UpdateAccount, Intent.None],
        new ConversationButton(CardActions.UpdateAccount, Intent.UpdateAccount),
        start => new AccountUpdateOptions
        {
            CustomerQuery = start.CustomerQuery,
            CustomerId = start.CustomerId,
            ViewOnly = start.Intent == Intent.None,
            OpenForm = start.Intent == Intent.UpdateAccount && start.CustomerId is not null,
        },
        records => records.Add<AccountUpdateOptions>("account-update/options"));
    private const string StepsId = DialogId + ".steps";
    private const string ReviewPrompt = "accountReview";
    private const string CustomerKey = "customer";

    private readonly ICustomerDirectory _directory;
    private readonly StaffAccess _access;
    private readonly RecentCustomersState _recent;

    public AccountUpdateDialog(
        ICustomerDirectory directory, StaffAccess access, RecentCustomersState recent, CustomerChoiceDialog customerChoice, BillingEditDialog billingEdit)
        : base(DialogId)
    {
        _directory = directory;
        _access = access;
        _recent = recent;
        AddDialog(customerChoice);
        AddDialog(billingEdit);
        AddDialog(new ChoicePrompt(ReviewPrompt));
        AddDialog(new WaterfallDialog(StepsId, [ChooseAsync, ReviewAsync, ActAsync]));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> ChooseAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<AccountUpdateOptions>() ?? new AccountUpdateOptions();

        // Before any customer is searched or named: a person who may not view, or asked to update and may
        // not, hears it now, not after a customer choice and a form.
        var action = options.ViewOnly ? PartnerAction.ViewAccount : PartnerAction.UpdateBillingProfile;
        if (await _access.CheckAsync(step.Context, action, cancellationToken) is null)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        return await CustomerChoiceDialog.ChooseAsync(step, options.CustomerId, null, options.CustomerQuery, cancellationToken);
    }

    private async Task<DialogTurnResult> ReviewAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not ChosenCustomer chosen)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var l = TurnLanguage.Of(step.Context);
        if (await _access.ReadWithPermissionsAsync(step.Context, cancellationToken) is not var (read, may))
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var account = await _directory.GetAccountAsync(read, chosen.CustomerId, cancellationToken);
        if (account is null)
        {
            await step.Context.SayAsync(AccountTexts.Gone, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        await _recent.RememberAsync(step.Context, account.CustomerId, account.Billing.CompanyName, cancellationToken);

        if (step.GetOptions<AccountUpdateOptions>()?.OpenForm == true)
        {
            // Asked for the form of a customer already chosen: updating was checked at the first step.
            return await step.ReplaceDialogAsync(BillingEditDialog.DialogId, Review(account), cancellationToken);
        }

        // The card's source is also what the next step acts on: one object, so the state keeps the account once.
        var card = new AccountReviewCard { Account = account, May = may };
        step.Values[CustomerKey] = card;
        Bots.SharedCardViews.ShowsAccount(step.Context, account);
        return await step.PromptAsync(
            ReviewPrompt,
            new PromptOptions
            {
                Prompt = PromptMessage.FromCard(card),
                RetryPrompt = PromptMessage.FromText(AccountTexts.UseButtons.In(l)),

                // No Choices: the prompt derives the card's buttons from its source (PromptCards.ChoicesFor), so the
                // state does not keep them with their synonyms at every account review.
                MaxAttempts = 3,
            },
            cancellationToken);
    }

    /// <summary>The review is what the user saw: its billing profile, with the etag the write must present.</summary>
    private static BillingEditState Review(CustomerAccount account) => new()
    {
        CustomerId = account.CustomerId,
        CustomerName = account.Billing.CompanyName,
        Reviewed = account.Billing,
    };

    private async Task<DialogTurnResult> ActAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var review = step.Values[CustomerKey] switch
        {
            AccountReviewCard card => Review(PromptCards.Required(card.Account)),

            // Kept by a build that stored the review beside the card.
            BillingEditState earlier => earlier,
            _ => throw new InvalidOperationException("The account review step has no account."),
        };
        switch ((step.Result as FoundChoice)?.Value)
        {
            case AccountCard.EditBilling:
                // Checked before the form, so nobody fills one in only to be refused at the last click.
                if (await _access.CheckAsync(step.Context, PartnerAction.UpdateBillingProfile, cancellationToken) is null)
                {
                    return await step.EndDialogAsync(null, cancellationToken);
                }

                return await step.ReplaceDialogAsync(BillingEditDialog.DialogId, review, cancellationToken);
            case AccountCard.ChangePurchasePermission:
                // The purchase permission conversation, for the customer on the card: its state first.
                return await step.EndDialogAsync(
                    new ConversationFollowUp(new ConversationStart(Intent.AskPurchaseState, CustomerId: review.CustomerId, CustomerName: review.CustomerName)),
                    cancellationToken);
            case AccountCard.Done:
                await step.Context.SayAsync(AccountTexts.Closing, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            default:
                await step.Context.SayAsync(SharedTexts.TooManyAttempts, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
        }
    }
}
