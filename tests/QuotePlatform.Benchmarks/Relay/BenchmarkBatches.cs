using System.Globalization;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Benchmarks.Relay;

/// <summary>Full-market minute batches: one final 1m bar per symbol, a few minutes built ahead and reused.</summary>
public sealed class BenchmarkBatches
{
    private static readonly long FirstFrame = new DateTimeOffset(2025, 1, 6, 9, 31, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
    private readonly Bar[][] _minutes;

    public BenchmarkBatches(int symbols, int minutes = 20)
    {
        _minutes = new Bar[minutes][];
        for (var minute = 0; minute < minutes; minute++)
        {
            _minutes[minute] = new Bar[symbols];
            for (var i = 0; i < symbols; i++)
            {
                var price = 5 + (i % 997 / 10.0);
                _minutes[minute][i] = new Bar
                {
                    Symbol = Symbol(i),
                    Period = Period._1M,
                    FrameUnixMs = FirstFrame + (minute * 60_000L),
                    Open = price,
                    High = price * 1.01,
                    Low = price * 0.99,
                    Close = price * 1.002,
                    VolumeShares = 100 * (1 + (i % 500)),
                    AmountCny = price * 100 * (1 + (i % 500)),
                    Final = true,
                };
            }
        }
    }

    public PublishRequest Next(ulong sequence) => new()
    {
        Sequence = sequence,
        ProducerId = "bench",
        Bars = { _minutes[sequence % (ulong)_minutes.Length] },
    };

    // Half Shanghai, half Shenzhen, as in the real market.
    private static string Symbol(int i) => i % 2 == 0
        ? (600000 + (i / 2)).ToString("D6", CultureInfo.InvariantCulture) + ".SH"
        : (1 + (i / 2)).ToString("D6", CultureInfo.InvariantCulture) + ".SZ";
}
