using System.Globalization;
using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Cli.Tests.Admin;

public sealed class AdminCommandTests(QueryStack stack) : IClassFixture<QueryStack>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quote-admin-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Consumers_AfterAConsume_ListsItsGroupAndConsumer()
    {
        await stack.AddFinalBarsAsync(MarketData.Minute("600420.SH", 0));
        var consume = await CliRun.RunAsync(
            ConsumeCommand.Create(TimeProvider.System), "--group", "desk-420", "--mode", "shard", "--consumer", "alice", "--symbols", "600420.SH", "--start", "oldest", "--count", "1", "--server", stack.Server);
        Assert.True(consume.Exit == 0, consume.ToString());

        var result = await AdminAsync(ConsumersCommand.Create(TimeProvider.System));

        Assert.True(result.Exit == 0, result.ToString());
        var group = Assert.Single(result.Lines, l => l.StartsWith("live:desk-420 ", StringComparison.Ordinal));
        Assert.Equal("live-shard", Columns(group)[1]);
        var consumer = Assert.Single(result.Lines, l => l.StartsWith("alice ", StringComparison.Ordinal));
        Assert.Equal("active", Columns(consumer)[1]);
    }

    [Fact]
    public async Task Consumers_WrongAdminKey_Exit4()
    {
        var result = await CliRun.RunAsync(ConsumersCommand.Create(TimeProvider.System), "--server", stack.Server, "--admin-key-file", KeyFile("not-the-admin-key-at-all"));

        Assert.Equal(4, result.Exit);
        Assert.Contains("refused the admin key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopConsumer_RunningConsume_ItEndsAndTheConsumerLeaves()
    {
        await using var consume = RunningCli.Start(
            ConsumeCommand.Create(TimeProvider.System), "--group", "desk-421", "--mode", "shard", "--consumer", "bob", "--symbols", "600421.SH", "--server", stack.Server);
        await consume.WaitSubscribedAsync();

        var stop = await AdminAsync(StopConsumerCommand.Create(TimeProvider.System), "live:desk-421", "bob");

        Assert.True(stop.Exit == 0, stop.ToString());
        Assert.Contains("asked bob of live:desk-421 to stop", stop.Output, StringComparison.Ordinal);
        Assert.Equal(0, await consume.WaitExitAsync());
        Assert.Contains("stopped by an administrator", consume.Error, StringComparison.Ordinal);
        var consumers = await AdminAsync(ConsumersCommand.Create(TimeProvider.System));
        Assert.DoesNotContain(consumers.Lines, l => l.StartsWith("bob ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopConsumer_UnknownConsumer_Exit2PointingAtConsumers()
    {
        var result = await AdminAsync(StopConsumerCommand.Create(TimeProvider.System), "live:nobody-here", "ghost");

        Assert.Equal(2, result.Exit);
        Assert.Contains("group 'live:nobody-here' has no consumer 'ghost': `quote consumers` lists the names", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_RelayRunning_ItsPublishedNumbersListed()
    {
        await using var relay = await ServiceProcess.StartAsync(
            "QuotePlatform.Relay",
            new Dictionary<string, string>
            {
                ["ConnectionStrings__redis"] = TestServers.Redis,
                ["Streams__KeyPrefix"] = stack.Prefix,
                ["Streams__ShardCount"] = QueryStack.ShardCount.ToString(CultureInfo.InvariantCulture),
                ["Relay__Producers__0__Id"] = "cli-stats",
                ["Relay__Producers__0__ApiKey"] = "cli-stats-producer-key-0123",
            },
            http2Only: true,
            TimeSpan.FromSeconds(90));

        CliResult result;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            result = await AdminAsync(StatsCommand.Create(TimeProvider.System));
            Assert.True(result.Exit == 0, result.ToString());
        }
        while (!result.Lines.Any(l => l.StartsWith("relay ", StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromSeconds(60) && await Delay());

        var row = Columns(Assert.Single(result.Lines, l => l.StartsWith("relay ", StringComparison.Ordinal)));
        Assert.Equal(["0", "0", "0", "0", "0", "0", "never"], row[2..9]);
        Assert.StartsWith("service", result.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_WrongServer_Exit3()
    {
        var address = Unreachable.Address();

        var result = await CliRun.RunAsync(StatsCommand.Create(TimeProvider.System), "--server", address, "--admin-key-file", KeyFile(QueryStack.AdminKey));

        Assert.Equal(3, result.Exit);
        Assert.Contains($"cannot reach the query service at {address}/", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> AdminAsync(System.CommandLine.Command command, params string[] args) =>
        CliRun.RunAsync(command, [.. args, "--server", stack.Server, "--admin-key-file", KeyFile(QueryStack.AdminKey)]);

    private string KeyFile(string key)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, key);
        return path;
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
