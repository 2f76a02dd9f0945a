using System.Threading.Channels;
using Grpc.Net.Client;
using QuotePlatform.Cli.Input;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;

namespace QuotePlatform.Cli.Publishing;

/// <summary>
/// Payload lines in, batches out to the relay: the feed drives the real bar engine (with forming
/// updates) on this thread while <see cref="RelayPublisher"/> sends on another; a small bounded queue
/// between them holds the engine back when the relay is slower.
/// </summary>
internal static class PublishRunner
{
    private const int QueuedBatches = 4;

    /// <summary>Runs to the end of the input; throws what <see cref="RelayPublisher.RunAsync"/> throws.</summary>
    public static async Task<PublishSummary> RunAsync(
        Stream ticks, PublishSettings settings, TextWriter diagnostics, TimeProvider time, CancellationToken cancellationToken)
    {
        var summary = new PublishSummary();
        var builder = new BatchBuilder(settings, summary, time);
        var engine = new BarSynthesizer(
            new SynthesisOptions { AuctionBar = settings.AuctionBar, Grace = settings.Grace, EmitForming = true },
            new RollupAggregator(builder, settings.Periods));
        var feed = new PayloadFeed(ticks, engine, diagnostics, readBooks: true);
        var batches = Channel.CreateBounded<PublishRequest>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });

        using var channel = GrpcChannel.ForAddress(settings.Relay, new GrpcChannelOptions { MaxSendMessageSize = null });
        var publisher = new RelayPublisher(new IngestService.IngestServiceClient(channel), settings, summary, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = time.GetTimestamp();
        var publishing = PublishAsync();
        try
        {
            await ProduceAsync(feed, engine, builder, batches.Writer, settings, time, stop.Token);
            batches.Writer.Complete();
        }
        catch (Exception ex)
        {
            // The publisher ends with this error, or with its own when it was the first to fail.
            batches.Writer.TryComplete(ex);
        }

        await publishing;
        summary.Elapsed = time.GetElapsedTime(started);
        return summary;

        // If publishing fails, stop reading ticks at once rather than at the end of the file.
        async Task PublishAsync()
        {
            try
            {
                await publisher.RunAsync(batches.Reader, stop.Token);
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }
    }

    private static async Task ProduceAsync(
        PayloadFeed feed, BarSynthesizer engine, BatchBuilder builder, ChannelWriter<PublishRequest> batches,
        PublishSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        long? firstTickTime = null;
        var replayStarted = time.GetTimestamp();
        while (feed.ReadPayload())
        {
            if (settings.Speed > 0 && feed.Ticks.Count > 0)
            {
                var tickTime = feed.Ticks[0].Tick.TimeUnixMs;
                firstTickTime ??= tickTime;
                var due = TimeSpan.FromMilliseconds((tickTime - firstTickTime.Value) / settings.Speed) - time.GetElapsedTime(replayStarted);
                if (due > TimeSpan.Zero)
                {
                    // Live replay: what happened up to this moment goes out now, as the ingest would send it.
                    builder.Seal();
                    await DrainAsync(builder, batches, cancellationToken);
                    await Task.Delay(due, time, cancellationToken);
                }
            }

            feed.Apply();
            for (var i = 0; i < feed.Ticks.Count; i++)
            {
                var (handle, tick) = feed.Ticks[i];
                if (handle >= 0)
                {
                    builder.AddQuote(feed.SymbolOf(handle), tick, feed.Books[i]);
                }
            }

            await DrainAsync(builder, batches, cancellationToken);
        }

        engine.Flush();
        builder.Seal();
        await DrainAsync(builder, batches, cancellationToken);
    }

    private static async Task DrainAsync(BatchBuilder builder, ChannelWriter<PublishRequest> batches, CancellationToken cancellationToken)
    {
        while (builder.TryTake(out var batch))
        {
            await batches.WriteAsync(batch, cancellationToken);
        }
    }
}
