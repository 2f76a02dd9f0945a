using ClickHouse.Driver;
using Microsoft.Extensions.Options;
using QuotePlatform.ContractMapping;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Streams.Reference;
using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Reference;

/// <summary>
/// Stores the instrument details and dividend factors of the instruments stream (a few entries a day) in
/// instruments (a row per symbol and trading date) and dividend_factors (a row per symbol and ex-date).
/// </summary>
public sealed partial class InstrumentWriter(
    IConnectionMultiplexer redis,
    StreamKeys keys,
    InstrumentStore store,
    IClickHouseClient client,
    WriterReadiness readiness,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger<InstrumentWriter> logger) : SmallStreamWriter(redis, client, readiness, options, time, logger)
{
    protected override string Stream => keys.Instruments;

    protected override async Task StoreAsync(StreamEntry entry, ulong version, CancellationToken cancellationToken)
    {
        var references = InstrumentStreamEntry.Parse(entry).Instruments;
        List<InstrumentDetail> details = [.. references.Select(InstrumentContracts.ToDetail)];
        List<(string Symbol, DividendEvent Event)> factors = [.. references.SelectMany(r => r.DividendFactors.Select(f => (r.Symbol, InstrumentContracts.ToEvent(f))))];
        await store.InsertDetailsAsync(details, version, cancellationToken);
        if (factors.Count > 0)
        {
            await store.InsertFactorsAsync(factors, version, cancellationToken);
        }

        LogStored(details.Count, factors.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the details of {Instruments} instruments and {Factors} dividend factors")]
    private partial void LogStored(int instruments, int factors);
}
