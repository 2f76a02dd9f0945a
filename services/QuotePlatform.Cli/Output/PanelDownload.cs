using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Output;

/// <summary>
/// Reads a whole-market panel (StreamBarPanel) and writes it ordered by frame, then symbol, as the
/// Python client's DataFrame is: the server sends each time slice by symbol, so a slice is held
/// until its last message says it is complete (at most a day of 1m bars, about 1.25 M).
/// </summary>
internal static class PanelDownload
{
    private static readonly Comparison<Bar> ByTimeThenSymbol = (a, b) =>
        a.FrameUnixMs != b.FrameUnixMs ? a.FrameUnixMs.CompareTo(b.FrameUnixMs) : string.CompareOrdinal(a.Symbol, b.Symbol);

    /// <summary>The number of bars written.</summary>
    public static async Task<long> WriteAsync(
        QueryService.QueryServiceClient query, StreamBarPanelRequest request, IBarOutput output, CancellationToken cancellationToken)
    {
        // No deadline: a month of the whole market takes longer than a unary call may.
        using var call = query.StreamBarPanel(request, cancellationToken: cancellationToken);
        var held = new List<Bar>();
        long total = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            AddBars(message, (BarPeriod)request.Period, held);
            if (message.CompleteBeforeUnixMs != 0)
            {
                held.Sort(ByTimeThenSymbol);
                await output.WriteAsync(held, cancellationToken);
                total += held.Count;
                held = [];
            }
        }

        return total;
    }

    private static void AddBars(StreamBarPanelResponse message, BarPeriod period, List<Bar> bars)
    {
        var i = 0;
        for (var s = 0; s < message.Symbols.Count; s++)
        {
            var symbol = message.Symbols[s];
            for (var end = i + (int)message.BarCounts[s]; i < end; i++)
            {
                bars.Add(new Bar(
                    symbol, period, message.FrameUnixMs[i], message.Open[i], message.High[i], message.Low[i], message.Close[i],
                    message.VolumeShares[i], message.AmountCny[i], Final: true, (BarQuality)message.QualityFlags[i]));
            }
        }
    }
}
