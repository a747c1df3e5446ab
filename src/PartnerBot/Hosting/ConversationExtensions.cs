using PartnerBot.Conversations;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Language;

namespace PartnerBot.Hosting;

public static class ConversationExtensions
{
    /// <summary>The account services and the conversations built on them. Dialogs are stateless singletons: their state lives in bot state.</summary>
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<BillingProfileValidator>();
        services.AddSingleton<AccountUpdateService>();
        services.AddSingleton<PurchasePermissionService>();

        services.AddSingleton<IIntentRecognizer, RuleBasedIntentRecognizer>();
        services.AddSingleton<StaffAccess>();
        services.AddSingleton<Welcome>();
        services.AddSingleton<Interruptions>();
        services.AddTransient<CustomerChoiceDialog>();
        services.AddSingleton<BillingEditDialog>();
        services.AddSingleton<AccountUpdateDialog>();
        services.AddSingleton<Dialog, PurchasePermissionDialog>();
        services.AddSingleton<Dialog, HistoryDialog>();
        services.AddSingleton<MainDialog>();
        services.AddSingleton(sp => new DialogConversationState(sp.GetRequiredService<Microsoft.Bot.Builder.IStorage>()));
        return builder;
    }
}
