using System.Globalization;
using System.Text;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Storage.Schema;

/// <summary>The bars table's TTL: one expression choosing the retention by period.</summary>
public static class RetentionPolicy
{
    public static string TtlExpression(StorageOptions options)
    {
        var days = new StringBuilder("multiIf(");
        foreach (var period in BarPeriods.All.Where(p => p != BarPeriod.OneDay))
        {
            days.Append(CultureInfo.InvariantCulture, $"period = {(int)period}, {WholeDays(options.RetentionOf(period))}, ");
        }

        days.Append(CultureInfo.InvariantCulture, $"{WholeDays(options.OneDayRetention)})");
        return $"toDateTime(frame) + toIntervalDay({days})";
    }

    public static string AlterStatement(StorageOptions options) =>
        SchemaLayout.From(options).AlterData(SchemaTables.Bars, $"MODIFY TTL {TtlExpression(options)}");

    /// <summary>The tick archive's TTL (Storage:TickRetention).</summary>
    public static string TickAlterStatement(StorageOptions options) =>
        SchemaLayout.From(options).AlterData(SchemaTables.Ticks, $"MODIFY TTL toDateTime(time) + toIntervalDay({WholeDays(options.TickRetention)})");

    private static int WholeDays(TimeSpan retention) => (int)Math.Ceiling(retention.TotalDays);
}
