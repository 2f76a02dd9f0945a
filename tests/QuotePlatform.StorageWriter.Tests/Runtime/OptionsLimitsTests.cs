using QuotePlatform.Configuration;

namespace QuotePlatform.StorageWriter.Tests.Runtime;

public sealed class OptionsLimitsTests
{
    [Fact]
    public void Validate_MinPollDelayAboveMax_FailsNamingTheKey()
    {
        var options = new StorageWriterOptions { MinPollDelay = TimeSpan.FromSeconds(2), MaxPollDelay = TimeSpan.FromSeconds(1) };

        var result = new SectionAnnotationValidator<StorageWriterOptions>().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal("StorageWriter:MinPollDelay: must not exceed MaxPollDelay (00:00:01)", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new SectionAnnotationValidator<StorageWriterOptions>().Validate(null, new StorageWriterOptions()).Succeeded);
    }
}
