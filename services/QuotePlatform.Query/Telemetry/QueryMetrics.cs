using System.Diagnostics.Metrics;
using Grpc.Core;
using QuotePlatform.ServiceDefaults;

namespace QuotePlatform.Query.Telemetry;

/// <summary>Meter QuotePlatform.Query: requests refused (by status and method), store failures and client limits reached.</summary>
public sealed class QueryMetrics : IDisposable
{
    public const string MeterName = Extensions.TelemetryPrefix + ".Query";

    private readonly Meter _meter;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _storeFailures;
    private readonly Counter<long> _limited;

    public QueryMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _rejected = _meter.CreateCounter<long>("quoteplatform.query.rejected", "{request}", "Requests answered INVALID_ARGUMENT or NOT_FOUND");
        _storeFailures = _meter.CreateCounter<long>("quoteplatform.query.store_failures", "{request}", "Requests that failed because ClickHouse or Redis was unavailable");
        _limited = _meter.CreateCounter<long>("quoteplatform.query.limited", "{event}", "Calls refused RESOURCE_EXHAUSTED (limit requests, bars, subscriptions) or streams slowed (bars_paced), by client");
    }

    public void Rejected(string method, StatusCode status) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("rpc.method", method), new KeyValuePair<string, object?>("rpc.grpc.status_code", status.ToString()));

    public void StoreFailed(string method) => _storeFailures.Add(1, new KeyValuePair<string, object?>("rpc.method", method));

    public void Limited(string client, string limit) =>
        _limited.Add(1, new KeyValuePair<string, object?>("client", client), new KeyValuePair<string, object?>("limit", limit));

    public void Dispose() => _meter.Dispose();
}
