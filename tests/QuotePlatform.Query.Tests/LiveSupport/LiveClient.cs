using System.Threading.Channels;
using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Query.Tests.LiveSupport;

/// <summary>A subscriber as a client program would be: subscribes, collects what arrives, acks.</summary>
internal sealed class LiveClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly AsyncDuplexStreamingCall<SubscribeRequest, SubscribeResponse> _call;
    private readonly Channel<BarDelivery> _bars = Channel.CreateUnbounded<BarDelivery>();
    private readonly Channel<FormingBars> _forming = Channel.CreateUnbounded<FormingBars>();
    private readonly Channel<QuoteUpdate> _quotes = Channel.CreateUnbounded<QuoteUpdate>();
    private readonly Channel<TickUpdate> _ticks = Channel.CreateUnbounded<TickUpdate>();
    private readonly TaskCompletionSource<Subscribed> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;

    private LiveClient(AsyncDuplexStreamingCall<SubscribeRequest, SubscribeResponse> call)
    {
        _call = call;
        _pump = PumpAsync();
    }

    public Subscribed Subscribed { get; private set; } = new();

    /// <summary>How the call ended: null while running or when it completed with OK.</summary>
    public RpcException? Error { get; private set; }

    public static async Task<LiveClient> StartAsync(LiveService.LiveServiceClient client, Subscription subscription, DateTime? deadline = null, Metadata? headers = null)
    {
        var live = new LiveClient(client.Subscribe(headers, deadline));
        await live._call.RequestStream.WriteAsync(new SubscribeRequest { Subscribe = subscription });
        live.Subscribed = await live._subscribed.Task.WaitAsync(Patience);
        return live;
    }

    /// <summary>Sends the first request only; for tests of refused subscriptions.</summary>
    public static async Task<RpcException> RefusedAsync(LiveService.LiveServiceClient client, params SubscribeRequest[] requests)
    {
        using var call = client.Subscribe();
        foreach (var request in requests)
        {
            try
            {
                await call.RequestStream.WriteAsync(request);
            }
            catch (RpcException refused)
            {
                // The server refused and ended the call before this request went out: the write
                // reports the call's status.
                return refused;
            }
        }

        var live = new LiveClient(call);
        try
        {
            await live._pump.WaitAsync(Patience);
        }
        catch (RpcException)
        {
        }

        return live.Error ?? throw new InvalidOperationException("the call was not refused");
    }

    public async Task<BarDelivery> NextBarsAsync() => await _bars.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public async Task<List<BarDelivery>> TakeBarsAsync(int count)
    {
        var taken = new List<BarDelivery>(count);
        while (taken.Count < count)
        {
            taken.Add(await NextBarsAsync());
        }

        return taken;
    }

    /// <summary>Whatever bar deliveries arrive within the period (for checking that nothing more comes).</summary>
    public async Task<List<BarDelivery>> DrainBarsAsync(TimeSpan period)
    {
        await Task.Delay(period);
        var drained = new List<BarDelivery>();
        while (_bars.Reader.TryRead(out var delivery))
        {
            drained.Add(delivery);
        }

        return drained;
    }

    public async Task<FormingBars> NextFormingAsync() => await _forming.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public async Task<QuoteUpdate> NextQuotesAsync() => await _quotes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public async Task<TickUpdate> NextTicksAsync() => await _ticks.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public Task AckAsync(IEnumerable<BarDelivery> deliveries) =>
        _call.RequestStream.WriteAsync(new SubscribeRequest
        {
            Ack = new Ack { Deliveries = { deliveries.Select(d => new DeliveryRef { Shard = d.Shard, EntryId = d.EntryId }) } },
        });

    public Task SendAsync(SubscribeRequest request) => _call.RequestStream.WriteAsync(request);

    /// <summary>Waits for the server to end the call; its status (OK when it ended normally).</summary>
    public async Task<Status> EndedAsync()
    {
        try
        {
            await _pump.WaitAsync(Patience);
        }
        catch (RpcException)
        {
        }

        return Error?.Status ?? Status.DefaultSuccess;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
            await _pump.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or TimeoutException)
        {
            // Already ended by the server, or it did not notice in time: disposing cancels the call.
        }

        _call.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var response in _call.ResponseStream.ReadAllAsync())
            {
                switch (response.KindCase)
                {
                    case SubscribeResponse.KindOneofCase.Subscribed:
                        _subscribed.TrySetResult(response.Subscribed);
                        break;
                    case SubscribeResponse.KindOneofCase.Bars:
                        _bars.Writer.TryWrite(response.Bars);
                        break;
                    case SubscribeResponse.KindOneofCase.Forming:
                        _forming.Writer.TryWrite(response.Forming);
                        break;
                    case SubscribeResponse.KindOneofCase.Ticks:
                        _ticks.Writer.TryWrite(response.Ticks);
                        break;
                    case SubscribeResponse.KindOneofCase.Quotes:
                        _quotes.Writer.TryWrite(response.Quotes);
                        break;
                }
            }
        }
        catch (RpcException ex)
        {
            Error = ex;
            _subscribed.TrySetException(ex);
            throw;
        }
        finally
        {
            _subscribed.TrySetException(new InvalidOperationException("the call ended before the subscription was confirmed"));
        }
    }
}
