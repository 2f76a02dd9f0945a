using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace QuotePlatform.Configuration;

public static class OptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from its section and validates its data annotations at
    /// start, so a bad value stops the process with a message that names the configuration key.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services)
        where TOptions : class, ISectionOptions
    {
        services.AddSingleton<IValidateOptions<TOptions>, SectionAnnotationValidator<TOptions>>();
        return services.AddOptions<TOptions>()
            .BindConfiguration(TOptions.Section)
            .ValidateOnStart();
    }
}
