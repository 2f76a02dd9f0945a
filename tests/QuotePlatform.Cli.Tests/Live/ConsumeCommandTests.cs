using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;

namespace QuotePlatform.Cli.Tests.Live;

public sealed class ConsumeCommandTests(QueryStack stack) : IClassFixture<QueryStack>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quote-consume-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Consume_Broadcast_WritesTheSymbolsBarsAsSynthJsonlAndStopsAtCount()
    {
        await stack.AddFinalBarsAsync(MarketData.Minute("600400.SH", 0), MarketData.Minute("600499.SH", 0), MarketData.Minute("600400.SH", 1));
        var file = Path.Combine(_directory, "bars.jsonl");

        var result = await ConsumeAsync("--group", "g400", "--mode", "broadcast", "--consumer", "c1", "--symbols", "600400.SH", "--start", "oldest", "--count", "2", "--out", file);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(
            [
                """{"symbol":"600400.SH","period":"1m","frame":"2025-06-06T09:31:00+08:00","open":10,"high":10.5,"low":9.5,"close":10.2,"volume":1000,"amount":10000.5}""",
                """{"symbol":"600400.SH","period":"1m","frame":"2025-06-06T09:32:00+08:00","open":10.01,"high":10.51,"low":9.51,"close":10.21,"volume":1001,"amount":10001.5}""",
            ],
            await File.ReadAllLinesAsync(file));
        Assert.Equal("", result.Output);
        Assert.Contains("subscribed: consumer c1 of group live:g400", result.Error, StringComparison.Ordinal);
        Assert.Contains("consumer c1 of live:g400: 2 bars in ", result.Error, StringComparison.Ordinal);
        Assert.Contains("reached --count 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_RunAgainWithTheSameConsumer_ResumesWithoutGapOrDuplicate()
    {
        await stack.AddFinalBarsAsync(MarketData.Minute("600401.SH", 0), MarketData.Minute("600401.SH", 1));
        var first = await ConsumeAsync("--group", "g401", "--mode", "shard", "--consumer", "c1", "--symbols", "600401.SH", "--start", "oldest", "--count", "2");
        await stack.AddFinalBarsAsync(MarketData.Minute("600401.SH", 2), MarketData.Minute("600401.SH", 3));

        var second = await ConsumeAsync("--group", "g401", "--mode", "shard", "--consumer", "c1", "--symbols", "600401.SH", "--count", "2");

        Assert.True(first.Exit == 0, first.ToString());
        Assert.True(second.Exit == 0, second.ToString());
        Assert.Equal(["09:31", "09:32"], Minutes(first.Lines));
        Assert.Equal(["09:33", "09:34"], Minutes(second.Lines));
        Assert.Contains("(0 redelivered)", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_ShardGroupOfTwo_SplitTheBarsBetweenThemEachOnce()
    {
        string[] symbols = ["600402.SH", "600403.SH", "600404.SH", "600405.SH", "000402.SZ", "000403.SZ", "000404.SZ", "000405.SZ"];
        await stack.AddFinalBarsAsync([.. symbols.Select(s => MarketData.Minute(s, 0))]);
        string[] shared = ["--group", "g402", "--mode", "shard", "--symbols", string.Join(',', symbols), "--start", "oldest", "--server", stack.Server];
        await using var one = RunningCli.Start(ConsumeCommand.Create(TimeProvider.System), [.. shared, "--consumer", "one"]);
        await using var two = RunningCli.Start(ConsumeCommand.Create(TimeProvider.System), [.. shared, "--consumer", "two"]);

        await one.WaitUntilAsync(_ => Lines(one).Length + Lines(two).Length >= symbols.Length, "every bar consumed");
        Assert.Equal((0, 0), (await one.InterruptAsync(), await two.InterruptAsync()));

        var received = Lines(one).Concat(Lines(two)).Select(l => l[11..20]).Order(StringComparer.Ordinal);
        Assert.Equal(symbols.Order(StringComparer.Ordinal), received);
    }

    [Fact]
    public async Task Consume_UnknownMode_Exit1ListingTheModes()
    {
        var result = await ConsumeAsync("--group", "g", "--mode", "fanout");

        Assert.Equal(1, result.Exit);
        Assert.Contains("fanout", result.Error, StringComparison.Ordinal);
        Assert.Contains("broadcast", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_BadGroupName_Exit1WithTheServersReason()
    {
        var result = await ConsumeAsync("--group", "no spaces allowed", "--mode", "shard", "--consumer", "c1");

        Assert.Equal(1, result.Exit);
        Assert.Contains("group", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_WrongServer_Exit3SayingHowToStartIt()
    {
        var address = Unreachable.Address();

        var result = await CliRun.RunAsync(ConsumeCommand.Create(TimeProvider.System), "--group", "g", "--mode", "broadcast", "--server", address);

        Assert.Equal(3, result.Exit);
        Assert.Contains($"cannot reach the query service at {address}/ (from --server): start it with scripts/dev.sh up or pass --server", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> ConsumeAsync(params string[] args) =>
        CliRun.RunAsync(ConsumeCommand.Create(TimeProvider.System), [.. args, "--server", stack.Server]);

    private static string[] Lines(RunningCli cli) => cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>HH:mm of each line's frame ("frame":"2025-06-06T09:31:00+08:00").</summary>
    private static string[] Minutes(IEnumerable<string> lines) =>
        [.. lines.Select(l => l[(l.IndexOf("\"frame\":\"", StringComparison.Ordinal) + 20)..][..5])];
}
