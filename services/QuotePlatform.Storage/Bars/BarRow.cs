using ClickHouse.Driver;

namespace QuotePlatform.Storage.Bars;

/// <summary>
/// One row of the bars table. <see cref="Version"/> orders redeliveries and corrections. Mapped for
/// the driver's POCO insert, which writes typed values without boxing them into object[] rows.
/// </summary>
public sealed record BarRow(
    [property: ClickHouseColumn(Name = "symbol")] string Symbol,
    [property: ClickHouseColumn(Name = "period")] byte Period,
    [property: ClickHouseNotMapped] long FrameUnixMs,
    [property: ClickHouseColumn(Name = "open")] double Open,
    [property: ClickHouseColumn(Name = "high")] double High,
    [property: ClickHouseColumn(Name = "low")] double Low,
    [property: ClickHouseColumn(Name = "close")] double Close,
    [property: ClickHouseColumn(Name = "volume_shares")] long VolumeShares,
    [property: ClickHouseColumn(Name = "amount_cny")] double AmountCny,
    [property: ClickHouseColumn(Name = "quality_flags")] uint QualityFlags,
    [property: ClickHouseColumn(Name = "version")] ulong Version)
{
    [ClickHouseColumn(Name = "frame")]
    public DateTime Frame => DateTime.UnixEpoch.AddMilliseconds(FrameUnixMs);

    /// <summary>The row stored for a bar of the stream entry whose version is <paramref name="entryVersion"/> (see <see cref="EntryVersion"/>).</summary>
    public static BarRow Of(in Domain.Bars.Bar bar, ulong entryVersion) => new(
        bar.Symbol, (byte)bar.Period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares, bar.AmountCny,
        (uint)bar.Quality, EntryVersion.OfBar(entryVersion, (uint)bar.Quality));
}
