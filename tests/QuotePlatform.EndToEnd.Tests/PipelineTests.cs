using System.Globalization;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Testing;

namespace QuotePlatform.EndToEnd.Tests;

public sealed class PipelineTests : IAsyncLifetime
{
    private const int Symbols = 200;
    private const int Minutes = 5;

    // The latest weekday, so the bars are inside the default 30-day retention of 1m bars.
    private static readonly DateOnly TradingDate = LatestWeekday();
    private static readonly long Frame0931 =
        new DateTimeOffset(TradingDate, new TimeOnly(9, 31), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    private Pipeline _pipeline = null!;

    public async Task InitializeAsync() => _pipeline = await Pipeline.StartAsync();

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task Publish_FinalBarsThroughRelayAndWriter_StoredOnceWithExactValues()
    {
        var batches = Enumerable.Range(0, Minutes).Select(minute => Batch((ulong)minute + 1, minute)).ToList();
        batches[0].Bars.Add(new Bar(ExpectedBar(0, 0)) { Symbol = "600000.SH", Low = 99 });      // low above high
        batches[1].Bars.Add(new Bar(ExpectedBar(1, 1)) { Final = false, Close = 42 });           // forming update

        var answers = await _pipeline.PublishAsync(batches);
        var resent = await _pipeline.PublishAsync([batches[2]]);

        Assert.All(answers, answer => Assert.Equal(BatchStatus.Written, answer.Status));
        Assert.Equal(Enumerable.Range(1, Minutes).Select(i => (ulong)i), answers.Select(a => a.Sequence));
        var rejection = Assert.Single(answers[0].Rejections);
        Assert.Equal((uint)Symbols, rejection.Index);
        Assert.Equal(BatchStatus.Duplicate, Assert.Single(resent).Status);

        var expected = Symbols * Minutes;
        await Poll.UntilAsync(
            async () => await _pipeline.ScalarAsync("SELECT count() FROM bars FINAL") >= expected,
            TimeSpan.FromSeconds(60),
            () => $"bars visible in ClickHouse\n{_pipeline.Logs}");

        Assert.Equal(expected, await _pipeline.ScalarAsync("SELECT count() FROM bars FINAL"));
        Assert.Equal(expected, await _pipeline.ScalarAsync("SELECT count() FROM bars"));
        Assert.Equal(ExpectedRows(), await StoredRowsAsync());
    }

    private static PublishRequest Batch(ulong sequence, int minute)
    {
        var request = new PublishRequest { ProducerId = Pipeline.ProducerId, Sequence = sequence, CreatedUnixMs = Frame0931 };
        request.Bars.AddRange(Enumerable.Range(0, Symbols).Select(symbol => ExpectedBar(symbol, minute)));
        return request;
    }

    private static Bar ExpectedBar(int symbol, int minute)
    {
        var open = 10 + (symbol * 0.01) + (minute * 0.02);
        return new Bar
        {
            Symbol = (600000 + symbol).ToString("D6", CultureInfo.InvariantCulture) + ".SH",
            Period = Period._1M,
            FrameUnixMs = Frame0931 + (minute * 60_000L),
            Open = open,
            High = open + 0.05,
            Low = open - 0.03,
            Close = open + 0.01,
            VolumeShares = (symbol + 1) * 100L * (minute + 1),
            AmountCny = (symbol + 1) * 1000.5 * (minute + 1),
            Final = true,
        };
    }

    private static List<string> ExpectedRows() =>
        [.. (from symbol in Enumerable.Range(0, Symbols)
             from minute in Enumerable.Range(0, Minutes)
             let bar = ExpectedBar(symbol, minute)
             select Row(bar.Symbol, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares, bar.AmountCny))];

    private async Task<List<string>> StoredRowsAsync()
    {
        var rows = new List<string>();
        using var reader = await _pipeline.ClickHouse.ExecuteReaderAsync("""
            SELECT symbol, toUnixTimestamp64Milli(frame), open, high, low, close, volume_shares, amount_cny
            FROM bars FINAL ORDER BY symbol, frame
            """);
        while (reader.Read())
        {
            rows.Add(Row(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3),
                reader.GetDouble(4), reader.GetDouble(5), reader.GetInt64(6), reader.GetDouble(7)));
        }

        return rows;
    }

    // "R" keeps every bit of the doubles: equality of the text is equality of the values.
    private static string Row(string symbol, long frame, double open, double high, double low, double close, long volume, double amount) =>
        string.Create(CultureInfo.InvariantCulture, $"{symbol} {frame} {open:R} {high:R} {low:R} {close:R} {volume} {amount:R}");

    private static DateOnly LatestWeekday()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        while (today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            today = today.AddDays(-1);
        }

        return today;
    }
}
