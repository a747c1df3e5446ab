using Microsoft.Extensions.Options;

namespace PartnerBot.Hosting;

public static class SettingsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from its configuration section the one way the host binds settings
    /// (options bound from configuration, checked when the host starts, so a wrong value stops the start with
    /// the setting's name instead of failing the first turn that needs it), and offers the bound
    /// <typeparamref name="T"/> itself to the classes that take it.
    /// </summary>
    /// <param name="problem">Why the bound value is wrong, naming the setting; null when it is right.</param>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section, Func<T, string?>? problem = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        if (problem is not null)
        {
            services.AddSingleton<IValidateOptions<T>>(new SettingsValidation<T>(problem));
        }

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    private sealed class SettingsValidation<T>(Func<T, string?> problem) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problem(options) is { } reason ? ValidateOptionsResult.Fail(reason) : ValidateOptionsResult.Success;
    }
}
