using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerBot.Conversations;

/// <summary>
/// The records of <see cref="ConversationStateRecords"/>, serialized by code generated at build time instead of by
/// reflection (issue 13: a record is written at every save). The options are the dialog state's own (camelCase,
/// nulls left out, enums by name), so a record is written byte for byte as the reflection path writes it, and
/// documents written by earlier builds read the same (tests compare both paths for every registered record).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(BillingEditState))]
[JsonSerializable(typeof(CustomerChoiceOptions))]
[JsonSerializable(typeof(List<ChosenCustomer>))]
[JsonSerializable(typeof(ChangeStep.Confirming))]
[JsonSerializable(typeof(ChangeStep.Recovering))]
[JsonSerializable(typeof(MessageExtension.RecentCustomerList))]
[JsonSerializable(typeof(Bots.SharedCardState))]
[JsonSerializable(typeof(CustomerOfferCard))]
[JsonSerializable(typeof(CustomerChoiceCard))]
[JsonSerializable(typeof(AccountReviewCard))]
[JsonSerializable(typeof(BillingFormSource))]
[JsonSerializable(typeof(ChangeConfirmCard))]
[JsonSerializable(typeof(ChangeConflictCard))]
[JsonSerializable(typeof(ChangeRetryCard))]
[JsonSerializable(typeof(HistoryOptions))]
[JsonSerializable(typeof(HistoryPageCard))]
[JsonSerializable(typeof(AccountUpdateOptions))]
[JsonSerializable(typeof(PurchasePermissionOptions))]
[JsonSerializable(typeof(PurchasePermissionState))]
[JsonSerializable(typeof(PurchaseStateCard))]
internal sealed partial class StateRecordsJson : JsonSerializerContext;
