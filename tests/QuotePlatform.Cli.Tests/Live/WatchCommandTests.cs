using QuotePlatform.Cli.Commands;
using QuotePlatform.Cli.Tests.Support;

namespace QuotePlatform.Cli.Tests.Live;

public sealed class WatchCommandTests(QueryStack stack) : IClassFixture<QueryStack>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quote-watch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Watch_QuoteThenClosingBar_OneLineEachAndEndsAtCount()
    {
        await using var watch = RunningCli.Start(WatchCommand.Create(TimeProvider.System), "600410.SH", "--count", "1", "--server", stack.Server);
        await watch.WaitSubscribedAsync();

        await stack.PutQuotesAsync(MarketData.Quote("600410.SH", 8.5));
        await watch.WaitUntilAsync(w => w.Output.Contains("quote   600410.SH", StringComparison.Ordinal), "the quote shown");
        await stack.AddFinalBarsAsync(MarketData.Minute("000499.SZ", 0), MarketData.Minute("600410.SH", 0));

        Assert.Equal(0, await watch.WaitExitAsync());
        var lines = watch.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("quote   600410.SH  10:00:00   8.50 +0.10 (+1.19%) V 123,400", lines[0]);
        Assert.Equal("bar     600410.SH  1m  09:31      O 10.00 H 10.50 L 9.50 C 10.20 V 1,000 A 10,000.50", lines[^1]);
        Assert.DoesNotContain("000499", watch.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_WithAdminKey_RemovesItsOwnGroupOnExit()
    {
        var keyFile = Path.Combine(_directory, "admin.key");
        await File.WriteAllTextAsync(keyFile, QueryStack.AdminKey);
        await using var watch = RunningCli.Start(WatchCommand.Create(TimeProvider.System), "600411.SH", "--server", stack.Server, "--admin-key-file", keyFile);
        await watch.WaitSubscribedAsync();
        Assert.Contains(await stack.GroupsOnShardOfAsync("600411.SH"), g => g.StartsWith("live:watch-", StringComparison.Ordinal));

        Assert.Equal(0, await watch.InterruptAsync());

        Assert.DoesNotContain(await stack.GroupsOnShardOfAsync("600411.SH"), g => g.StartsWith("live:watch-", StringComparison.Ordinal));
        Assert.Contains("watch: 0 bars; interrupted", watch.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Watch_ProcessInterruptedBySignal_Exit0AfterRemovingItsGroup(string signal)
    {
        var keyFile = Path.Combine(_directory, "admin.key");
        await File.WriteAllTextAsync(keyFile, QueryStack.AdminKey);
        var symbol = signal == "INT" ? "600412.SH" : "600413.SH";
        using var watch = QuoteProcess.Start("watch", symbol, "--server", stack.Server, "--admin-key-file", keyFile);
        await watch.WaitForErrorAsync("subscribed: ");

        var exit = await watch.SignalAsync(signal);

        Assert.True(exit == 0, $"exit {exit}:\n{watch.Error}");
        Assert.Contains("watch: 0 bars; interrupted", watch.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(await stack.GroupsOnShardOfAsync(symbol), g => g.StartsWith("live:watch-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_MalformedSymbol_Exit1WithTheServersReason()
    {
        var result = await CliRun.RunAsync(WatchCommand.Create(TimeProvider.System), "60041X.SH", "--server", stack.Server);

        Assert.Equal(1, result.Exit);
        Assert.Contains("60041X.SH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_NoSymbol_Exit1()
    {
        var result = await CliRun.RunAsync(WatchCommand.Create(TimeProvider.System), "--server", stack.Server);

        Assert.Equal(1, result.Exit);
        Assert.Contains("Required argument missing for command: 'watch'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_WrongServer_Exit3()
    {
        var address = Unreachable.Address();

        var result = await CliRun.RunAsync(WatchCommand.Create(TimeProvider.System), "600410.SH", "--server", address);

        Assert.Equal(3, result.Exit);
        Assert.Contains($"cannot reach the query service at {address}/", result.Error, StringComparison.Ordinal);
    }
}
