using PartnerBot.Conversations;
using PartnerBot.Data.BotState;
using PartnerBot.Dialogs;
using PartnerBot.Domain.Accounts;
using PartnerBot.Domain.Language;
using PartnerBot.MessageExtension;

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
        services.AddSingleton<PromptCards>();
        services.AddSingleton<Interruptions>();
        services.AddTransient<CustomerChoiceDialog>();
        services.AddSingleton<BillingEditDialog>();
        services.AddConversation<AccountUpdateDialog>(AccountUpdateDialog.Route);
        services.AddConversation<PurchasePermissionDialog>(PurchasePermissionDialog.Route);
        services.AddConversation<HistoryDialog>(HistoryDialog.Route);
        services.AddSingleton<MainDialog>();
        services.AddSingleton<DialogBotStateFormat>();
        services.AddSingleton<DialogConversationState>(sp => new DocumentConversationState(
            sp.GetRequiredService<Microsoft.Bot.Builder.IStorage>(), sp.GetRequiredService<DialogBotStateFormat>()));
        services.AddSingleton<RecentCustomersState>();
        services.AddSingleton<CustomerSearchExtension>();
        services.AddSingleton<Bots.SharedCardViews>();

        // Bot state as versioned JSON naming no CLR type (any store), and its expiry.
        services.AddSingleton(sp => ConversationStateRecords.Create(sp.GetServices<ConversationRoute>()));
        services.AddSingleton<DialogStateDocument>();
        services.AddSingleton<IBotStateFormat>(sp => sp.GetRequiredService<DialogBotStateFormat>());
        services.AddSettings<BotStateOptions>("BotState", state =>
            state.ExpireAfter <= TimeSpan.Zero ? "BotState:ExpireAfter must be longer than zero."
            : state.SweepEvery <= TimeSpan.Zero ? "BotState:SweepEvery must be longer than zero."
            : null);
        services.AddSingleton(sp => (IExpiringBotState)sp.GetRequiredService<Microsoft.Bot.Builder.IStorage>());
        services.AddHostedService<BotStateSweep>();
        return builder;
    }
}
