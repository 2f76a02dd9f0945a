using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Api;
using QuotePlatform.Query.Symbols;
using QuotePlatform.Storage.Bars;

namespace QuotePlatform.Query.Live;

/// <summary>quoteplatform.query.v1.WatchService: a browser's (or light client's) view of a few symbols, pushed.</summary>
internal sealed class WatchGrpcService(
    WatchRequestValidator validator, SymbolDirectory symbols, BarReader store, LiveContext live) : WatchService.WatchServiceBase
{
    public override async Task WatchSymbol(WatchSymbolRequest request, IServerStreamWriter<WatchSymbolResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var watch = validator.Validate(request, context.Peer);
        try
        {
            var unknown = await symbols.UnknownAsync(watch.Symbols, cancellationToken);
            if (unknown.Count > 0)
            {
                throw RequestErrors.NotFound(
                    $"unknown symbol {RequestErrors.ListForMessage(unknown)}: no bars stored and no quote received; ListSymbols shows the known ones");
            }

            LiveLog.Watching(live.Logger, context.Peer, string.Join(',', watch.Symbols), watch.Period.ToString(), watch.AfterFrameUnixMs);
            using var output = new ResponseWriter<WatchSymbolResponse>(responseStream);
            await new WatchSession(watch, output, live, store).RunAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Unavailable(ex) is { } what)
        {
            // (Once the client left or its deadline passed, the call ends with that status instead.)
            LiveLog.WatchFailed(live.Logger, context.Peer, what, ex);
            throw new RpcException(new Status(StatusCode.Unavailable, $"{what} is unavailable ({ex.Message}); watch again with after_frame_unix_ms = the last final bar held to catch up"));
        }
    }

    private static string? Unavailable(Exception ex) => ex switch
    {
        StackExchange.Redis.RedisException => "Redis",
        HttpRequestException => "ClickHouse",
        _ => null,
    };
}
