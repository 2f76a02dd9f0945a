using System.Threading.Channels;
using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Query.Tests.Watch;

/// <summary>A WatchSymbol call as a page holds it: everything that arrives, in order, until it is disposed.</summary>
internal sealed class WatchClient : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly AsyncServerStreamingCall<WatchSymbolResponse> _call;
    private readonly Channel<WatchSymbolResponse> _responses = Channel.CreateUnbounded<WatchSymbolResponse>();
    private readonly Task _pump;
    private readonly List<WatchSymbolResponse> _skipped = [];

    public WatchClient(WatchService.WatchServiceClient client, WatchSymbolRequest request)
    {
        _call = client.WatchSymbol(request);
        _pump = PumpAsync();
    }

    /// <summary>Final bars received so far, by frame: a later one replaces an earlier one, as a chart does.</summary>
    public SortedDictionary<long, Bar> Finals { get; } = [];

    /// <summary>The next response of the kind not taken yet; responses of other kinds wait for their turn.</summary>
    public async Task<WatchSymbolResponse> NextAsync(WatchSymbolResponse.KindOneofCase kind)
    {
        var waiting = _skipped.FindIndex(r => r.KindCase == kind);
        if (waiting >= 0)
        {
            var taken = _skipped[waiting];
            _skipped.RemoveAt(waiting);
            return taken;
        }

        while (true)
        {
            var response = await _responses.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            if (response.KindCase == WatchSymbolResponse.KindOneofCase.Final)
            {
                foreach (var bar in response.Final.Bars)
                {
                    Finals[bar.FrameUnixMs] = bar;
                }
            }

            if (response.KindCase == kind)
            {
                return response;
            }

            _skipped.Add(response);
        }
    }

    /// <summary>Waits until the final bars received hold the frame.</summary>
    public async Task UntilFinalAsync(long frameUnixMs)
    {
        while (!Finals.ContainsKey(frameUnixMs))
        {
            await NextAsync(WatchSymbolResponse.KindOneofCase.Final);
        }
    }

    /// <summary>How the call ended (OK when the server completed it).</summary>
    public async Task<Status> EndedAsync()
    {
        try
        {
            await _pump.WaitAsync(Patience);
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    public void Dispose() => _call.Dispose();

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var response in _call.ResponseStream.ReadAllAsync())
            {
                _responses.Writer.TryWrite(response);
            }

            _responses.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _responses.Writer.TryComplete(ex);
            throw;
        }
    }
}
