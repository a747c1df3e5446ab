using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;
using PartnerBot.PartnerCenter.Api;
using PartnerBot.PartnerCenter.Auth;
using PartnerBot.PartnerCenter.Http;

namespace PartnerBot.PartnerCenter;

public static class PartnerCenterServiceCollectionExtensions
{
    /// <summary>
    /// The Partner Center HTTP client with its tokens and resilience. A <see cref="TimeProvider"/> registered
    /// before this call drives the retry waits and timeouts (tests register a fake one).
    /// </summary>
    public static IServiceCollection AddPartnerCenterClient(this IServiceCollection services, PartnerCenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRefreshTokenStore>(sp => options.KeyVaultUri is null
            ? ActivatorUtilities.CreateInstance<ConfigurationRefreshTokenStore>(sp)
            : new KeyVaultRefreshTokenStore(options));
        services.AddHttpClient(MsalHttpClientFactory.ClientName);
        services.TryAddSingleton<IMsalHttpClientFactory, MsalHttpClientFactory>();
        services.TryAddSingleton<IPartnerCenterTokens, MsalPartnerCenterTokens>();
        services.AddTransient<PartnerCenterCallHandler>();
        var client = services.AddHttpClient<PartnerCenterClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler("partner-center", (pipeline, context) => PartnerCenterResilience.Configure(
                pipeline,
                options,
                context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerBot.PartnerCenter.Resilience")));

        // Added after the resilience handler, so it sits inside it and runs once per attempt.
        client.AddHttpMessageHandler<PartnerCenterCallHandler>();
        return services;
    }
}
