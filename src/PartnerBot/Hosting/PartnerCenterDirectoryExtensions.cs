using PartnerBot.Domain.Audit;
using PartnerBot.Domain.Customers;
using PartnerBot.Domain.Search;
using PartnerBot.Domain.Validation;
using PartnerBot.PartnerCenter;
using PartnerBot.PartnerCenter.Auth;
using PartnerBot.PartnerCenter.Directory;

namespace PartnerBot.Hosting;

public static class PartnerCenterDirectoryExtensions
{
    /// <summary>
    /// <c>Directory:Provider</c> = <c>Embedded</c> (default: the demo database) or <c>PartnerCenter</c>: customers,
    /// billing profiles, purchase permission and country rules then come from the Partner Center REST API
    /// (settings under <c>PartnerCenter:</c>), searched through a local mirror kept in the embedded database. Roles,
    /// the audit trail and bot state stay where they are. Call after <see cref="PostgresStoreExtensions.AddStore"/>:
    /// the store's registrations of the directory ports are replaced, and its customer mirror is used.
    /// </summary>
    public static IHostApplicationBuilder AddDirectoryProvider(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = builder.Configuration["Directory:Provider"] ?? "Embedded";
        if (string.Equals(provider, "Embedded", StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        if (!string.Equals(provider, "PartnerCenter", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Directory:Provider must be Embedded or PartnerCenter, not '{provider}'.");
        }

        // A missing app registration does not stop the host (a fresh deployment comes before the registration):
        // /readyz names the missing setting and users hear that Partner Center is not available.
        var options = builder.Configuration.GetSection(PartnerCenterOptions.SectionName).Get<PartnerCenterOptions>() ?? new PartnerCenterOptions();

        var services = builder.Services;
        services.AddPartnerCenterClient(options);

        // Its own index: the embedded store fills the shared one with the demo customers, which do not exist here.
        // The mirror itself is kept by the store (Storage:Provider), which registered it.
        var index = new CustomerSearchIndex();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CustomerMirrorSync>(sp, (ICustomerSearchIndex)index));
        services.AddHostedService(sp => sp.GetRequiredService<CustomerMirrorSync>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PartnerCenterCustomerDirectory>(sp, (ICustomerSearchIndex)index));
        services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<PartnerCenterCustomerDirectory>());
        services.AddSingleton<ICustomerAccountWriter>(sp => sp.GetRequiredService<PartnerCenterCustomerDirectory>());
        services.AddSingleton<ICountryRulesSource>(sp => sp.GetRequiredService<PartnerCenterCustomerDirectory>());
        services.AddSingleton<IAddressValidator>(sp => sp.GetRequiredService<PartnerCenterCustomerDirectory>());
        services.AddSingleton<IReadinessCheck, CustomerMirrorReadiness>();

        // History shows Partner Center's own audit records (changes made in the portal) beside PartnerBot's trail.
        // It wraps whichever trail the store registered (SQLite here, another store later), not a named one.
        var trail = services.LastOrDefault(d => d.ServiceType == typeof(IAuditLog))
            ?? throw new InvalidOperationException("Register the audit trail (AddEmbeddedStore) before the Partner Center directory.");
        services.AddSingleton<IAuditLog>(sp => ActivatorUtilities.CreateInstance<PartnerCenterHistory>(sp, Resolve<IAuditLog>(trail, sp)));

        // Writes go through the audit outbox; what a crash or a lost answer left pending is settled by reading.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AuditOutboxReplay>(sp));
        services.AddHostedService(sp => sp.GetRequiredService<AuditOutboxReplay>());
        return builder;
    }

    private static T Resolve<T>(ServiceDescriptor descriptor, IServiceProvider services)
        where T : class =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}

/// <summary>/readyz: ready once the mirror has customers (stored or freshly listed); reports its size and age.</summary>
internal sealed class CustomerMirrorReadiness(CustomerMirrorSync mirror, IPartnerCenterTokens tokens, TimeProvider clock) : IReadinessCheck
{
    public string Name => "customer mirror";

    public Task<string?> GetProblemAsync(CancellationToken cancellationToken) =>
        Task.FromResult(
            tokens is MsalPartnerCenterTokens { Missing: { } missing } ? $"{missing} is not set"
            : mirror.Status.LastSyncedAt is not null || mirror.Status.Count > 0 ? null
            : "the customer list has not been read from Partner Center yet");

    public string? Detail
    {
        get
        {
            var status = mirror.Status;
            var age = status.LastSyncedAt is { } at ? $"synced {(long)(clock.GetUtcNow() - at).TotalSeconds} s ago ({at:u})" : "not synced yet";
            return $"customer mirror: {status.Count} customers, {age}";
        }
    }
}
