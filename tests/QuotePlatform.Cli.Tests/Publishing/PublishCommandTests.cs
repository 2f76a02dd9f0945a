using System.CommandLine;
using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Simulation;
using QuotePlatform.Cli.Synth;

namespace QuotePlatform.Cli.Tests.Publishing;

public sealed class PublishCommandTests : IAsyncLifetime
{
    private const int Symbols = 30;

    private readonly string _directory = Directory.CreateTempSubdirectory("quote-publish-").FullName;
    private Relay _relay = null!;

    private string Ticks => Path.Combine(_directory, "ticks.jsonl");

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(Ticks, SimulatedDay.Run(Symbols).Bytes);
        _relay = await Relay.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Publish_SimulatedDay_EveryFinalBarInTheStreamsOnce()
    {
        var expected = SynthTotal();

        var (exit, output, error) = await PublishAsync(KeyFile(_relay.ApiKey), "--batch-bars", "2000");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{_relay.Output}");
        Assert.Equal((Symbols - 1) * 317, expected);
        Assert.Equal(expected, await _relay.FinalBarsAsync());
        Assert.True(await _relay.FormingBarsAsync() > 0);
        Assert.Equal(Symbols, await _relay.LatestQuotesAsync());
        Assert.Contains("rejections: none", output, StringComparison.Ordinal);
        Assert.Contains($"final bars: 1m {(Symbols - 1) * 240} 5m {(Symbols - 1) * 48} ", output, StringComparison.Ordinal);
        Assert.Contains(" 0 duplicate, 0 answered FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_SecondRunOfTheSameProducer_WrittenAgainNotTakenForResends()
    {
        var first = await PublishAsync(KeyFile(_relay.ApiKey), "--periods", "1d");
        var second = await PublishAsync(KeyFile(_relay.ApiKey), "--periods", "1d");

        Assert.Equal((0, 0), (first.Exit, second.Exit));
        Assert.Contains(" 0 duplicate,", second.Output, StringComparison.Ordinal);
        Assert.Equal(2 * (Symbols - 1), await _relay.FinalBarsAsync());
    }

    [Fact]
    public async Task Publish_WrongApiKey_ClearErrorAndExitCode1()
    {
        var (exit, _, error) = await PublishAsync(KeyFile("not-the-relays-key-0000"));

        Assert.Equal(1, exit);
        Assert.Contains($"the relay at {_relay.Address} refused the API key", error, StringComparison.Ordinal);
        Assert.Equal(0, await _relay.FinalBarsAsync());
    }

    [Fact]
    public async Task Publish_MissingKeyFile_ExplainsAndExitCode2()
    {
        var (exit, _, error) = await PublishAsync(Path.Combine(_directory, "absent-key"));

        Assert.Equal(2, exit);
        Assert.Contains("cannot read --api-key-file", error, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Error)> PublishAsync(string keyFile, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { PublishCommand.Create(TimeProvider.System) };
        string[] args = ["publish", "--ticks", Ticks, "--relay", _relay.Address.ToString(), "--api-key-file", keyFile, .. extra];
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string KeyFile(string key)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, key + "\n");
        return path;
    }

    private long SynthTotal()
    {
        using var ticks = File.OpenRead(Ticks);
        return SynthRunner.Run(ticks, Stream.Null, TextWriter.Null, SynthSettings.Default).Bars.Values.Sum();
    }
}
