using PartnerBot.Dialogs;

namespace PartnerBot.Conversations;

/// <summary>
/// Everything the conversations keep in dialog state, each under the name it is stored with. The names are
/// part of the stored format: never reuse one for a record of another meaning, and never rename one (rename
/// or move the class instead, freely). A record whose meaning changes gets a new name (…/2): conversations
/// holding the old one then restart politely instead of misreading it.
/// </summary>
public static class ConversationStateRecords
{
    /// <summary>The records every conversation may keep (the customer choice, the billing edit, the confirm and submit of a change), and each registered conversation's own.</summary>
    public static DialogStateRecords Create(IEnumerable<ConversationRoute> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var records = Shared(PromptCards.Register(new DialogStateRecords()));
        foreach (var conversation in conversations)
        {
            records = conversation.Records?.Invoke(records) ?? records;
        }

        // Written by code generated at build time; a record missing from StateRecordsJson is written by reflection.
        return records.SerializedWith(StateRecordsJson.Default.Options);
    }

    private static DialogStateRecords Shared(DialogStateRecords records) => records
        .Add<BillingEditState>("billing-edit/state")
        .Add<CustomerChoiceOptions>("customer-choice/options")
        // The offered customers as builds before 2026-11-28 kept them (now the card source is kept): still read.
        .Add<List<ChosenCustomer>>("customer-choice/offered")
        .Add<ChangeStep.Confirming>("change/confirming")
        .Add<ChangeStep.Recovering>("change/recovering")
        .Add<MessageExtension.RecentCustomerList>("recent-customers/list")
        .Add<Bots.SharedCardState>("shared-cards/state");
}
