using Microsoft.Bot.Schema;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Customers;
using PartnerBot.Localization;

namespace PartnerBot.Cards;

/// <summary>
/// A customer as the compose-box search shows it: a result line (thumbnail preview) and the account summary
/// card it inserts into the conversation. Only what any viewer of the account may see: no contact person,
/// no e-mail, no phone, so the card can sit in a channel.
/// </summary>
public static class CustomerSummaryCard
{
    /// <summary>
    /// The inserted card: name, domain, city and country, purchase permission, who shared it and when; its buttons
    /// start the conversation on this customer for whoever presses them, with that person's role checked then.
    /// They carry the customer's id only.
    /// </summary>
    public static AdaptiveCard Build(CustomerAccount account, string sharedBy, DateTimeOffset asOf, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(account);
        var address = account.Billing.DefaultAddress;
        var customer = new Dictionary<string, object> { [CardActions.CustomerIdKey] = account.CustomerId };
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = account.Billing.CompanyName, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true },
                new FactSet
                {
                    Facts =
                    [
                        new Fact(AccountTexts.Domain.In(l), account.Company.Domain),
                        new Fact(BillingTexts.FieldName(BillingProfileField.City).In(l), address.City ?? string.Empty),
                        new Fact(BillingTexts.FieldName(BillingProfileField.Country).In(l), Countries.Name(address.Country, l)),
                        new Fact(MessageExtensionTexts.Purchases.In(l), PermissionAnswer(account, l)),
                    ],
                },
                new TextBlock
                {
                    Text = $"{MessageExtensionTexts.SharedBy.Format(l, sharedBy)} · {MessageExtensionTexts.AsOf.Format(l, asOf.UtcDateTime)}",
                    IsSubtle = true,
                    Size = TextSize.Small,
                    Wrap = true,
                },
            ],
            Actions =
            [
                CardActions.Execute(MessageExtensionTexts.OpenAccountButton.In(l), CardActions.OpenCustomer, customer, ActionStyle.Positive),
                CardActions.Execute(AccountTexts.EditButton.In(l), CardActions.EditCustomerBilling, customer),
                CardActions.Execute(AccountTexts.PermissionButton.In(l), CardActions.CustomerPurchasePermission, customer),
            ],
        };
    }

    /// <summary>
    /// One result line. Tapping it asks the bot for the card (composeExtension/selectItem) with the customer's
    /// id only, so the card is read, with the person's role checked, at the moment it is inserted.
    /// </summary>
    public static ThumbnailCard Preview(CustomerMatch match, CustomerAccount? account, UiLanguage l)
    {
        ArgumentNullException.ThrowIfNull(match);
        var address = account?.Billing.DefaultAddress;
        var place = address is null
            ? null
            : string.Join(", ", new[] { address.City, Countries.Name(address.Country, l) }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new ThumbnailCard
        {
            Title = account?.Billing.CompanyName ?? match.CompanyName,
            Subtitle = string.IsNullOrWhiteSpace(place) ? match.Domain : $"{match.Domain} · {place}",
            Text = account is null ? MessageExtensionTexts.DetailsUnavailable.In(l) : PermissionLine(account, l),
            Tap = new Microsoft.Bot.Schema.CardAction
            {
                Type = "invoke",
                Value = new Newtonsoft.Json.Linq.JObject { [SelectItemKey] = match.CustomerId },
            },
        };
    }

    /// <summary>The one identifier a result's tap carries back in composeExtension/selectItem.</summary>
    public const string SelectItemKey = "customerId";

    private static string PermissionLine(CustomerAccount account, UiLanguage l) =>
        account.PurchasePermission.IsAllowed ? MessageExtensionTexts.PurchasesAllowed.In(l)
        : account.HasAzurePlan ? MessageExtensionTexts.PurchasesNotAllowed.In(l)
        : MessageExtensionTexts.NoAzurePlan.In(l);

    private static string PermissionAnswer(CustomerAccount account, UiLanguage l) =>
        account.PurchasePermission.IsAllowed ? MessageExtensionTexts.Allowed.In(l)
        : account.HasAzurePlan ? MessageExtensionTexts.NotAllowed.In(l)
        : MessageExtensionTexts.NotAllowedNoAzurePlan.In(l);
}
