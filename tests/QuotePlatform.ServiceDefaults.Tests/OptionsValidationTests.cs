using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuotePlatform.Configuration;
using Xunit;

namespace QuotePlatform.ServiceDefaults.Tests;

public sealed class OptionsValidationTests
{
    public sealed class SampleOptions : ISectionOptions
    {
        public static string Section => "Sample";

        [Range(1, 64)]
        public int ShardCount { get; set; } = 16;

        [Required]
        public string? Name { get; set; } = "default";
    }

    private static IServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddValidatedOptions<SampleOptions>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddValidatedOptions_ValidSection_BindsValues()
    {
        var provider = Build(new() { ["Sample:ShardCount"] = "8" });

        var options = provider.GetRequiredService<IOptions<SampleOptions>>().Value;

        Assert.Equal(8, options.ShardCount);
        Assert.Equal("default", options.Name);
    }

    [Fact]
    public void AddValidatedOptions_OutOfRangeValue_FailureNamesTheKey()
    {
        var provider = Build(new() { ["Sample:ShardCount"] = "0", ["Sample:Name"] = "" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SampleOptions>>().Value);

        Assert.Contains(error.Failures, failure => failure.StartsWith("Sample:ShardCount:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("Sample:Name:", StringComparison.Ordinal));
    }
}
