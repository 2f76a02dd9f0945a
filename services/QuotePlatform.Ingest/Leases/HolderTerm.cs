using Google.Protobuf;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Ingest.Leases;

/// <summary>
/// One term as the feed's lease holder: the epoch every batch carries, and where the feed's stored
/// bars ended when the term began. Batches go out without the bars the feed already has: the
/// standby's backlog, and what its engine makes of minutes the old holder had stored (a standby whose
/// terminal runs behind). Decoding each batch costs about a millisecond per thousand items; an
/// ingest that takes the lease of a feed with nothing stored sends the spooled bytes as they are.
/// </summary>
public sealed class HolderTerm
{
    private readonly byte[] _stamp;
    private readonly IReadOnlyDictionary<Period, long> _storedThrough;
    private readonly HashSet<(string Symbol, Period Period, long Frame)> _storedBeyond;

    public HolderTerm(string feed, ulong epoch, LeaseResponse answer, CancellationToken lost)
    {
        Feed = feed;
        Epoch = epoch;
        _storedThrough = StoredFrames.From(answer.Stored);
        _storedBeyond = [.. answer.StoredBeyond.Select(bar => (bar.Symbol, bar.Period, bar.FrameUnixMs))];
        Lost = lost;
        _stamp = new PublishRequest { Feed = feed, LeaseEpoch = epoch }.ToByteArray();
    }

    public string Feed { get; }

    public ulong Epoch { get; }

    /// <summary>Cancelled when the term ends (fenced, released, or not renewed in time).</summary>
    public CancellationToken Lost { get; }

    /// <summary>Bars dropped from the backlog because the feed had stored their frames.</summary>
    public long Skipped { get; private set; }

    /// <summary>The spooled PublishRequest bytes as they go out in this term.</summary>
    public byte[] Stamp(byte[] payload)
    {
        if (_storedThrough.Count == 0 && _storedBeyond.Count == 0)
        {
            // Appended fields merge into the message: the spooled bytes need not be decoded.
            return [.. payload, .. _stamp];
        }

        var request = PublishRequest.Parser.ParseFrom(payload);
        var kept = request.Bars.Where(bar => !StoredFrames.Covers(_storedThrough, bar) && !(bar.Final && _storedBeyond.Contains((bar.Symbol, bar.Period, bar.FrameUnixMs)))).ToList();
        Skipped += request.Bars.Count - kept.Count;
        request.Bars.Clear();
        request.Bars.AddRange(kept);
        request.Feed = Feed;
        request.LeaseEpoch = Epoch;
        return request.ToByteArray();
    }
}
