using System.Globalization;
using System.Text;
using Google.Protobuf.Collections;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Output.Ticks;

/// <summary>CSV with a header, every archived field; times in Beijing time with their offset, five book levels a side as columns.</summary>
internal sealed class TickCsvOutput(TextWriter output) : ITickOutput
{
    private const int Levels = 5;

    public static readonly string Header = "symbol,time,last_price,open,high,low,last_close,amount,volume_lots,pvolume,stock_status,transaction_num,"
        + string.Join(',', Enumerable.Range(1, Levels).Select(i => $"bid_price{i},bid_vol{i}")) + ","
        + string.Join(',', Enumerable.Range(1, Levels).Select(i => $"ask_price{i},ask_vol{i}")) + ",received,engine_clock";

    private bool _headerWritten;

    public async Task WriteAsync(IReadOnlyList<Tick> ticks, CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await output.WriteLineAsync(Header.AsMemory(), cancellationToken);
            _headerWritten = true;
        }

        var line = new StringBuilder();
        foreach (var tick in ticks)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture,
                $"{tick.Symbol},{BeijingTime.Format(tick.TimeUnixMs)},{tick.LastPrice},{tick.Open},{tick.High},{tick.Low},{tick.LastClose},{tick.AmountCny},{tick.VolumeLots},{tick.PvolumeShares},{tick.StockStatus},{tick.TransactionNum}");
            Side(line, tick.BidPrices, tick.BidVolumesLots);
            Side(line, tick.AskPrices, tick.AskVolumesLots);
            line.Append(CultureInfo.InvariantCulture, $",{BeijingTime.Format(tick.ReceivedUnixMs)},{BeijingTime.Format(tick.ClockUnixMs)}");
            await output.WriteLineAsync(line, cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    private static void Side(StringBuilder line, RepeatedField<double> prices, RepeatedField<long> volumes)
    {
        for (var i = 0; i < Levels; i++)
        {
            line.Append(',');
            if (i < prices.Count)
            {
                line.Append(prices[i].ToString(CultureInfo.InvariantCulture));
            }

            line.Append(',');
            if (i < volumes.Count)
            {
                line.Append(volumes[i].ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
