using System.Globalization;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Relay.Tests.Infrastructure;

/// <summary>Valid bars and batches to start from (Monday 2025-01-06, Beijing time).</summary>
public static class TestBars
{
    public static readonly long Frame0931 = new DateTimeOffset(2025, 1, 6, 9, 31, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    public static string Symbol(int i) => (600000 + i).ToString("D6", CultureInfo.InvariantCulture) + ".SH";

    public static Bar Valid(string symbol, long frame = 0, bool final = true) => new()
    {
        Symbol = symbol,
        Period = Period._1M,
        FrameUnixMs = frame == 0 ? Frame0931 : frame,
        Open = 10.0,
        High = 10.5,
        Low = 9.8,
        Close = 10.2,
        VolumeShares = 12_300,
        AmountCny = 125_000,
        Final = final,
    };

    /// <summary>One bar per symbol 0..count-1, all final, each minute after 09:31 a new frame.</summary>
    public static PublishRequest Batch(ulong sequence, int count, int minute = 0)
    {
        var request = new PublishRequest { Sequence = sequence, ProducerId = RelayHost.ProducerId, CreatedUnixMs = Frame0931 };
        for (var i = 0; i < count; i++)
        {
            request.Bars.Add(Valid(Symbol(i), Frame0931 + (minute * 60_000L)));
        }

        return request;
    }
}
