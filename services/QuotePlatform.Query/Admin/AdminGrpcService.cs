using Grpc.Core;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Control;
using QuotePlatform.Streams.Leases;
using QuotePlatform.Streams.Stats;
using StackExchange.Redis;

namespace QuotePlatform.Query.Admin;

/// <summary>quoteplatform.admin.v1.AdminService (behind <see cref="AdminKeyInterceptor"/>).</summary>
public sealed partial class AdminGrpcService(
    ConsumerGroupInspector inspector,
    ConsumerStopRequests stopRequests,
    ConsumerHandOff handOff,
    PipelineStatsStore stats,
    FeedLeaseReader feeds,
    IConnectionMultiplexer redis,
    StreamKeys keys,
    ILogger<AdminGrpcService> logger) : AdminService.AdminServiceBase
{
    public override Task<ListConsumerGroupsResponse> ListConsumerGroups(ListConsumerGroupsRequest request, ServerCallContext context) =>
        Guard(async () => new ListConsumerGroupsResponse { Groups = { await inspector.ListAsync() } });

    public override Task<StopConsumerResponse> StopConsumer(StopConsumerRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            RequireNames(request.Group, request.Consumer);
            if (!await inspector.HasConsumerAsync(request.Group, request.Consumer))
            {
                return new StopConsumerResponse { Requested = false };
            }

            await stopRequests.RequestAsync(request.Group, request.Consumer);
            LogStopRequested(request.Consumer, request.Group);
            return new StopConsumerResponse { Requested = true };
        });

    public override Task<DeleteConsumerResponse> DeleteConsumer(DeleteConsumerRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            RequireNames(request.Group, request.Consumer);
            if (!await inspector.HasConsumerAsync(request.Group, request.Consumer))
            {
                throw new RpcException(new Status(StatusCode.NotFound,
                    $"group \"{request.Group}\" has no consumer \"{request.Consumer}\"; ListConsumerGroups shows the names"));
            }

            var result = await handOff.RemoveAsync(inspector.Streams, request.Group, request.Consumer, request.DropPending);
            await stopRequests.ClearAsync(request.Group, request.Consumer);
            LogDeleted(request.Consumer, request.Group, result.Moved, result.Dropped, result.Kept);
            if (result.Kept > 0)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"consumer \"{request.Consumer}\" holds {result.Kept} pending entries and no other consumer of group \"{request.Group}\" can take them, so it was kept; "
                    + "start another consumer in the group, or set drop_pending to delete it anyway (those entries are then no longer pending)"));
            }

            return new DeleteConsumerResponse
            {
                PendingMoved = (ulong)result.Moved,
                PendingDropped = (ulong)result.Dropped,
                MovedTo = string.Join(",", result.MovedTo),
            };
        });

    public override Task<DeleteConsumerGroupResponse> DeleteConsumerGroup(DeleteConsumerGroupRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            if (string.IsNullOrWhiteSpace(request.Group))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "group is required; ListConsumerGroups shows the names"));
            }

            var db = redis.GetDatabase();
            var destroyed = await Task.WhenAll(inspector.Streams.Select(stream => DestroyAsync(db, stream, request.Group)));
            var count = destroyed.Count(d => d);
            if (count == 0)
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"no consumer group \"{request.Group}\" on the bar streams; ListConsumerGroups shows the names"));
            }

            await db.HashDeleteAsync(keys.LiveGroupModes, request.Group);
            await db.KeyDeleteAsync(keys.ConsumerStopRequests(request.Group));
            LogGroupDeleted(request.Group, count);
            return new DeleteConsumerGroupResponse { Streams = (uint)count };
        });

    public override Task<GetPipelineStatsResponse> GetPipelineStats(GetPipelineStatsRequest request, ServerCallContext context) =>
        Guard(async () => new GetPipelineStatsResponse
        {
            Services = { (await stats.ReadAllAsync()).Select(ToMessage) },
            Feeds = { await feeds.ReadAllAsync() },
        });

    private static ServiceStats ToMessage(PublishedStats s)
    {
        var message = new ServiceStats
        {
            Service = s.Service,
            Instance = s.Instance,
            UpdatedUnixMs = s.UpdatedUnixMs,
            StartedUnixMs = s.StartedUnixMs,
            BarsPerSecond = s.BarsPerSecond,
            BarsTotal = (ulong)Math.Max(s.Totals.Bars, 0),
            ErrorsTotal = (ulong)Math.Max(s.Totals.Errors, 0),
            RejectedTotal = (ulong)Math.Max(s.Totals.Rejected, 0),
            LagEntries = (ulong)Math.Max(s.Totals.LagEntries, 0),
            PendingEntries = (ulong)Math.Max(s.Totals.PendingEntries, 0),
            LastWriteUnixMs = s.Totals.LastWriteUnixMs,
        };
        foreach (var (name, value) in s.Totals.Extra)
        {
            message.Extra[name] = value;
        }

        return message;
    }

    private static async Task<bool> DestroyAsync(IDatabase db, string stream, string group)
    {
        try
        {
            return await db.StreamDeleteConsumerGroupAsync(stream, group);
        }
        catch (RedisServerException ex) when (RedisErrors.IsGroupMissing(ex))
        {
            return false;
        }
    }

    private static void RequireNames(string group, string consumer)
    {
        if (string.IsNullOrWhiteSpace(group) || string.IsNullOrWhiteSpace(consumer))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"group and consumer are both required (got group \"{group}\", consumer \"{consumer}\"); ListConsumerGroups shows the names"));
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RedisException ex) when (ex is not RedisServerException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Redis is unavailable ({ex.Message}); try again shortly"));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin asked consumer {Consumer} of group {Group} to stop")]
    private partial void LogStopRequested(string consumer, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin deleted consumer {Consumer} of group {Group}: {Moved} pending entries moved, {Dropped} dropped, {Kept} kept")]
    private partial void LogDeleted(string consumer, string group, long moved, long dropped, long kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin deleted consumer group {Group} from {Streams} streams")]
    private partial void LogGroupDeleted(string group, int streams);
}
