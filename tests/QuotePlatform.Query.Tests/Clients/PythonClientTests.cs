using System.Globalization;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Clients;

/// <summary>clients/python/quote_example.py on Debian's python3 with python3-grpcio, -protobuf and -grpc-tools.</summary>
public sealed class PythonClientTests(RunningQueryService query) : IClassFixture<RunningQueryService>
{
    private static readonly string ClientDirectory = TestRepository.PathOf("clients/python");

    private Task<ClientRun> RunAsync(params string[] arguments) =>
        ClientRun.RunAsync("/usr/bin/python3", ClientDirectory, query.ClientEnvironment, ["quote_example.py", "--server", query.GrpcTarget, .. arguments]);

    [Fact]
    public async Task Bars_StoredDay_CsvRowsInShanghaiTimeWithStoredValues()
    {
        var run = await RunAsync("bars", "600000.SH", "--period", "1m", "--from", "2025-06-06", "--to", "2025-06-06");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("time,open,high,low,close,volume,amount", run.Lines[0]);
        var rows = run.Lines[1..].Select(line => line.Split(',')).ToList();
        Assert.Equal(240, rows.Count);
        Assert.Equal("2025-06-06T09:31:00+08:00", rows[0][0]);
        Assert.Equal("2025-06-06T13:01:00+08:00", rows[120][0]);
        Assert.Equal("2025-06-06T15:00:00+08:00", rows[239][0]);
        var expected = TestData.Minute("600000.SH", 7);
        Assert.Equal(
            [expected.Open, expected.High, expected.Low, expected.Close, expected.VolumeShares, expected.AmountCny],
            rows[7][1..].Select(value => double.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Panel_EverySymbolOfADay_CsvByTimeThenSymbolWithStoredValues()
    {
        await query.World.StoreAsync([.. TestData.Day1m("000001.SZ"), .. TestData.Day1m("430047.BJ")[..10]]);

        var run = await RunAsync("panel", "--period", "1m", "--from", "2025-06-06");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("time,symbol,open,high,low,close,volume,amount", run.Lines[0]);
        var rows = run.Lines[1..].Select(line => line.Split(',')).ToList();
        Assert.Equal(490, rows.Count);
        Assert.Equal(
            ["2025-06-06 09:31:00+08:00|000001.SZ", "2025-06-06 09:31:00+08:00|430047.BJ", "2025-06-06 09:31:00+08:00|600000.SH", "2025-06-06 09:32:00+08:00|000001.SZ"],
            rows[..4].Select(row => $"{row[0]}|{row[1]}"));
        Assert.Equal(["2025-06-06 15:00:00+08:00", "600000.SH"], rows[^1][..2]);
        var expected = TestData.Minute("600000.SH", 7);
        var row7 = rows.Single(row => row[0] == "2025-06-06 09:38:00+08:00" && row[1] == "600000.SH");
        Assert.Equal(
            [expected.Open, expected.High, expected.Low, expected.Close, expected.VolumeShares, expected.AmountCny],
            row7[2..].Select(value => double.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Ticks_ArchivedDay_RowsInShanghaiTimeWithBookColumns()
    {
        await query.World.StoreTicksAsync(TestData.TickDay("600010.SH"));
        const string Script = """
            import sys
            from quoteplatform_client import QuoteClient
            rows = QuoteClient(sys.argv[1]).ticks("600010.SH", "2025-06-06")
            print(len(rows))
            print(rows[0]["time"].isoformat(), rows[-1]["time"].isoformat())
            print(rows[1]["last_price"], rows[1]["volume"], rows[1]["bid1"], rows[1]["ask5_volume"], rows[1]["received"].isoformat())
            """;

        var run = await ClientRun.RunAsync("/usr/bin/python3", ClientDirectory, query.ClientEnvironment, "-c", Script, query.GrpcTarget);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["4800", "2025-06-06T09:30:03+08:00 2025-06-06T15:00:00+08:00", "10.01 10 10.0 10 2025-06-06T09:30:06.400000+08:00"],
            run.Lines);
    }

    [Fact]
    public async Task BarsFrame_OneSymbolAsked_IndexedByShanghaiTimeAndSymbolWithNumericColumns()
    {
        const string Script = """
            import sys
            from quoteplatform_client import QuoteClient
            frame = QuoteClient(sys.argv[1]).bars_frame(["600000.SH"], "1m", "2025-06-06", "2025-06-06")
            print(list(frame.index.names))
            print(frame.index.get_level_values("time").tz)
            print(len(frame), frame.index.is_monotonic_increasing)
            print(frame.index[0][0].isoformat(), frame.index[0][1])
            print(dict(frame.dtypes.astype(str)))
            """;

        var run = await ClientRun.RunAsync("/usr/bin/python3", ClientDirectory, query.ClientEnvironment, "-c", Script, query.GrpcTarget);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "['time', 'symbol']",
                "Asia/Shanghai",
                "240 True",
                "2025-06-06T09:31:00+08:00 600000.SH",
                "{'open': 'float64', 'high': 'float64', 'low': 'float64', 'close': 'float64', 'volume': 'int64', 'amount': 'float64'}",
            ],
            run.Lines);
    }

    [Fact]
    public async Task Bars_AdjustQfq_PricesBeforeTheExDateFrontAdjustedVolumeRaw()
    {
        await new InstrumentStore(query.World.ClickHouse).InsertFactorsAsync(
            [("600000.SH", new DividendEvent(new DateOnly(2025, 6, 9), 0.5, 0, 0.3, 0, 0, 0, 1.35))], 1, CancellationToken.None);

        var run = await RunAsync("bars", "600000.SH", "--period", "1m", "--from", "2025-06-06", "--to", "2025-06-06", "--adjust", "qfq");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = TestData.Minute("600000.SH", 7);
        var row = run.Lines[8].Split(',')[1..].Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Cents.Round((expected.Close - 0.5) / 1.3), row[3]); // QMT's front formula, 10 转增 3 with 0.5 cash
        Assert.Equal(expected.VolumeShares, row[4]);
    }

    [Fact]
    public async Task Symbols_PartOfTheName_RowsWithNames()
    {
        await new InstrumentStore(query.World.ClickHouse).InsertDetailsAsync(
            [new InstrumentDetail("000001.SZ", new DateOnly(2025, 6, 6), "平安银行", "SZ", "stock", null, 0.01, 11, 9, 10, 1e9, 2e9, 1, 0)], 1, CancellationToken.None);

        var run = await RunAsync("symbols", "平安");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["symbol,name,type,exchange", "000001.SZ,平安银行,stock,SZ"], run.Lines);
    }

    [Fact]
    public async Task Latest_NoSymbol_PingAnBankQuote()
    {
        var run = await RunAsync("latest");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("000001.SZ,", run.Lines[1], StringComparison.Ordinal);
        Assert.Equal("11.23", run.Lines[1].Split(',')[2]);
    }

    [Fact]
    public async Task Latest_HttpsWithTheCaFile_PingAnBankQuote()
    {
        var run = await ClientRun.RunAsync(
            "/usr/bin/python3", ClientDirectory, query.ClientEnvironment, "quote_example.py", "--server", query.TlsAddress.ToString().TrimEnd('/'), "latest");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("11.23", run.Lines[1].Split(',')[2]);
    }

    [Fact]
    public async Task Latest_NoReadKey_Exit2Unauthenticated()
    {
        var run = await ClientRun.RunAsync("/usr/bin/python3", ClientDirectory, "quote_example.py", "--server", query.GrpcTarget, "latest");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("UNAUTHENTICATED", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_NationalDayStoredUntil1008_HolidaysLeftOutLaterWeekdaysAssumed()
    {
        await query.World.StoreCalendarAsync("SH", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 8), [.. Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d))]);

        var run = await RunAsync("calendar", "--from", "2025-09-29", "--to", "2025-10-10");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["date,assumed", "2025-09-29,0", "2025-09-30,0", "2025-10-09,1", "2025-10-10,1"], run.Lines);
    }

    [Fact]
    public async Task Bars_UnknownSymbol_Exit2WithTheServersMessage()
    {
        var run = await RunAsync("bars", "688999.SH", "--from", "2025-06-06", "--to", "2025-06-06");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("NOT_FOUND", run.Error, StringComparison.Ordinal);
        Assert.Contains("688999.SH", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_BarsPublishedThenOneMore_EachBarOnceAcrossAReconnect()
    {
        var day = new DateTimeOffset(2025, 6, 9, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        await query.World.PublishFinalAsync([.. Enumerable.Range(0, 3).Select(n => TestData.Minute("600000.SH", n, day))]);
        string[] watch(int maxBars) => ["watch", "600000.SH", "--group", "py-watch", "--consumer", "c1", "--start-id", "0", "--max-bars", maxBars.ToString(CultureInfo.InvariantCulture)];

        var first = await RunAsync(watch(3));
        await query.World.PublishFinalAsync([TestData.Minute("600000.SH", 3, day)]);
        var resumed = await RunAsync(watch(1));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            ["2025-06-09T09:31:00+08:00", "2025-06-09T09:32:00+08:00", "2025-06-09T09:33:00+08:00"],
            first.Lines[1..].Select(line => line.Split(',')[1]));
        var expected = TestData.Minute("600000.SH", 2, day);
        Assert.Equal(
            ["600000.SH", expected.Open.ToString(CultureInfo.InvariantCulture), expected.High.ToString(CultureInfo.InvariantCulture)],
            first.Lines[3].Split(',')[..1].Concat(first.Lines[3].Split(',')[2..4]));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("2025-06-09T09:34:00+08:00", Assert.Single(resumed.Lines[1..]).Split(',')[1]);
    }
}
