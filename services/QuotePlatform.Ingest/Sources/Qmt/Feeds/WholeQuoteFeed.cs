using Python.Runtime;
using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Sources.Qmt.Feeds;

/// <summary>The preferred feed: subscribe_whole_quote, every changed instrument about every 3 s.</summary>
internal sealed class WholeQuoteFeed(XtDataModule xt, FeedPushes pushes) : IDisposable
{
    private int _seq;

    /// <summary>Null once subscribed, else why QMT refused.</summary>
    public string? TrySubscribe(string[] codes)
    {
        try
        {
            var seq = xt.SubscribeWholeQuote(codes, OnTicks);
            if (seq <= 0)
            {
                return $"returned {seq}";
            }

            _seq = seq;
            QmtLog.WholeQuoteSubscribed(pushes.Logger, seq, codes.Length);
            return null;
        }
        catch (PythonException ex)
        {
            return ex.Message;
        }
    }

    private bool OnTicks(long codesAddress, long codesLength, long valuesAddress, long valuesCount) => pushes.OnCallback(() =>
    {
        var (codes, values) = PackedReader.Read(codesAddress, codesLength, valuesAddress, valuesCount, xt.TickWidth);
        return PackedTicks.Decode(codes, values, xt.TickWidth);
    });

    public void Dispose()
    {
        if (_seq > 0)
        {
            xt.UnsubscribeAll([_seq], pushes.Logger);
            _seq = 0;
        }
    }
}
