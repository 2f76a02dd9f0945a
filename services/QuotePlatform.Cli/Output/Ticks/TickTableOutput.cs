using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Output.Ticks;

/// <summary>Fixed-width columns for people: time, prices, cumulative volume and amount, the best bid and ask.</summary>
internal sealed class TickTableOutput(TextWriter output) : ITickOutput
{
    private bool _headerWritten;

    public async Task WriteAsync(IReadOnlyList<Tick> ticks, CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await output.WriteLineAsync(Row("symbol", "time (Beijing)", "last", "volume (lots)", "amount", "bid1", "bid1 vol", "ask1", "ask1 vol", "status").AsMemory(), cancellationToken);
            _headerWritten = true;
        }

        foreach (var tick in ticks)
        {
            await output.WriteLineAsync(Row(
                tick.Symbol,
                BeijingTime.ToDateTimeOffset(tick.TimeUnixMs).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                BarTableOutput.Price(tick.LastPrice),
                tick.VolumeLots.ToString("N0", CultureInfo.InvariantCulture),
                tick.AmountCny.ToString("N2", CultureInfo.InvariantCulture),
                tick.BidPrices.Count > 0 ? BarTableOutput.Price(tick.BidPrices[0]) : "-",
                tick.BidVolumesLots.Count > 0 ? tick.BidVolumesLots[0].ToString(CultureInfo.InvariantCulture) : "-",
                tick.AskPrices.Count > 0 ? BarTableOutput.Price(tick.AskPrices[0]) : "-",
                tick.AskVolumesLots.Count > 0 ? tick.AskVolumesLots[0].ToString(CultureInfo.InvariantCulture) : "-",
                tick.StockStatus.ToString(CultureInfo.InvariantCulture)).AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    private static string Row(params string[] cells) => string.Create(CultureInfo.InvariantCulture,
        $"{cells[0],-10} {cells[1],-23} {cells[2],10} {cells[3],14} {cells[4],18} {cells[5],10} {cells[6],9} {cells[7],10} {cells[8],9} {cells[9],6}").TrimEnd();
}
