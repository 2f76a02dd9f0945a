using System.Diagnostics.Metrics;
using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.LiveSupport;
using Xunit;

namespace QuotePlatform.Query.Tests.Access;

public sealed class ClientLimitTests
{
    private const string Symbol = "600000.SH";

    // Each test names its reader apart, so the limit counter it reads is its own.
    private static (Dictionary<string, string?> Settings, Metadata Headers, string Name) Reader(params (string Key, string Value)[] limits)
    {
        var name = "reader-" + Guid.NewGuid().ToString("N")[..8];
        var key = "test-limit-key-" + name;
        var settings = new Dictionary<string, string?> { ["Query:ReadApiKeys:0:Name"] = name, ["Query:ReadApiKeys:0:Key"] = key };
        foreach (var (limit, value) in limits)
        {
            settings["Query:ClientLimits:" + limit] = value;
        }

        return (settings, new Metadata { { "x-api-key", key } }, name);
    }

    [Fact]
    public async Task GetQuotes_OverRequestsPerSecond_ResourceExhaustedNamingLimitAndCounted()
    {
        var (settings, headers, name) = Reader(("RequestsPerSecond", "0.01"));
        using var limited = new LimitedCounter(name);
        await using var host = new LiveHost(settings);
        await host.SetQuoteAsync(new Quote { Symbol = Symbol, TimeUnixMs = 1_749_173_400_000, LastPrice = 10.5 });

        await host.Query().GetQuotesAsync(new GetQuotesRequest { Symbols = { Symbol } }, headers);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Query().GetQuotesAsync(new GetQuotesRequest { Symbols = { Symbol } }, headers));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("0.01 requests per second", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, limited.Count("requests"));
    }

    [Fact]
    public async Task Subscribe_OverMaxLiveSubscriptions_ResourceExhaustedUntilOneEnds()
    {
        var (settings, headers, _) = Reader(("MaxLiveSubscriptions", "1"));
        await using var host = new LiveHost(settings);
        Subscription Named(string consumer) => new() { Mode = SubscriptionMode.Broadcast, Consumer = consumer, Symbols = { Symbol } };

        var first = await LiveClient.StartAsync(host.Live(), Named("s1"), headers: headers);
        var error = await Assert.ThrowsAsync<RpcException>(() => LiveClient.StartAsync(host.Live(), Named("s2"), headers: headers));
        await first.DisposeAsync();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("more than 1 live subscriptions", error.Status.Detail, StringComparison.Ordinal);
        await QuotePlatform.Testing.Poll.UntilAsync(async () =>
        {
            try
            {
                await using var again = await LiveClient.StartAsync(host.Live(), Named("s3"), headers: headers);
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "a subscription is accepted once the first has ended");
    }

    [Fact]
    public async Task GetQuotes_AfterBarsOverBarsPerSecond_ResourceExhaustedOtherReaderServed()
    {
        var (settings, headers, name) = Reader(("BarsPerSecond", "0.01"));
        settings["Query:ReadApiKeys:1:Name"] = name + "-other";
        settings["Query:ReadApiKeys:1:Key"] = "test-limit-key-other-" + name;
        using var limited = new LimitedCounter(name);
        await using var host = new LiveHost(settings);
        await host.SetQuoteAsync(new Quote { Symbol = Symbol, TimeUnixMs = 1_749_173_400_000, LastPrice = 10.5 });
        await using var client = await LiveClient.StartAsync(
            host.Live(), new Subscription { Mode = SubscriptionMode.Broadcast, Consumer = "b1", Symbols = { Symbol } }, headers: headers);

        await host.PublishAsync([TestBars.Final(Symbol, 0), TestBars.Final(Symbol, 1)]);
        await client.NextBarsAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Query().GetQuotesAsync(new GetQuotesRequest { Symbols = { Symbol } }, headers));
        var other = await host.Query().GetQuotesAsync(
            new GetQuotesRequest { Symbols = { Symbol } }, new Metadata { { "x-api-key", "test-limit-key-other-" + name } });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("0.01 bars per second", error.Status.Detail, StringComparison.Ordinal);
        Assert.Single(other.Quotes);
        Assert.Equal(1, limited.Count("bars"));
    }

    /// <summary>quoteplatform.query.limited measurements of one client, by limit.</summary>
    private sealed class LimitedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];
        private readonly string _client;

        public LimitedCounter(string client)
        {
            _client = client;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "quoteplatform.query.limited")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>(OnMeasurement);
            _listener.Start();
        }

        public long Count(string limit)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(limit);
            }
        }

        private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            string? client = null, limit = null;
            foreach (var tag in tags)
            {
                client = tag.Key == "client" ? tag.Value as string : client;
                limit = tag.Key == "limit" ? tag.Value as string : limit;
            }

            if (client == _client && limit is not null)
            {
                lock (_counts)
                {
                    _counts[limit] = _counts.GetValueOrDefault(limit) + value;
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
