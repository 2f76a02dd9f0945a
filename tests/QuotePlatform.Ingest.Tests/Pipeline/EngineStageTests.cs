using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Pipeline;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Telemetry;
using QuotePlatform.Ingest.Tests.Spool;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>The engine stage between a source's pushes and the spool, on a real spool directory.</summary>
public sealed class EngineStageTests : IDisposable
{
    // Friday 2025-06-06 10:00:03 Beijing, in continuous trading.
    private const long TenOClock = 1_749_175_203_000;
    private const ulong ReplayInput = 42;

    private readonly SpoolDirectory _directory = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Run_ReplayEndsMidDay_LastPushsQuotesSpooledBeforeTheFlushClosesTheDay()
    {
        using var spool = _directory.Open();
        var pushes = Channel.CreateUnbounded<TickPush>();
        var ticks = new[] { "600000.SH", "000001.SZ" }
            .Select(symbol => new SourceTick(symbol, new MarketTick(TenOClock, 10.1, 10.2, 9.9, 10, 1e6, 1_000, 13), TickBook.Empty))
            .ToArray();
        await pushes.Writer.WriteAsync(new TickPush(TenOClock, ticks));
        pushes.Writer.Complete();
        var stage = new EngineStage(
            new IngestOptions { Source = TickSourceKind.Replay },
            new BatchingOptions { MaxDelay = TimeSpan.FromMinutes(1) },
            "test",
            spool,
            new IngestMetrics(_services.GetRequiredService<IMeterFactory>(), TimeProvider.System),
            TimeProvider.System);

        await stage.RunAsync(pushes.Reader, ReplayInput, unpaced: false, CancellationToken.None);

        var batches = await ReadAllAsync(spool);
        Assert.True(batches.Count >= 2, $"{batches.Count} batch(es): the push and the day's close went out together");
        Assert.Equal(["000001.SZ", "600000.SH"], batches[0].Quotes.Select(q => q.Symbol).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(batches[0].Bars, bar => bar.Final);
        // The flush closes every bar of both symbols from 10:00 to the close: 1m through 1d.
        Assert.All(batches.Skip(1), batch => Assert.Empty(batch.Quotes));
        Assert.Contains(batches.Skip(1).SelectMany(batch => batch.Bars), bar => bar.Final && bar.Symbol == "600000.SH" && bar.Period == Contracts.MarketData.V1.Period._1D);
    }

    private static async Task<List<PublishRequest>> ReadAllAsync(Ingest.Spool.BatchSpool spool)
    {
        var batches = new List<PublishRequest>();
        for (var position = spool.FirstUnackedPosition; batches.Count < spool.UnackedBatches; position++)
        {
            batches.Add(PublishRequest.Parser.ParseFrom(spool.PayloadOf(await spool.ReadAsync(position, CancellationToken.None))));
        }

        return batches;
    }
}
