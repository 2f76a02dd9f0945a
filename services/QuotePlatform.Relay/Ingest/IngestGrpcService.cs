using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Auth;
using QuotePlatform.Relay.Leases;
using QuotePlatform.Relay.Options;
using QuotePlatform.Relay.Telemetry;

namespace QuotePlatform.Relay.Ingest;

/// <summary>
/// Reads batches and starts writing each at once, while a second loop sends the answers, in the order
/// the batches came, as Redis confirms them: up to Relay:MaxInFlightBatches batches of a call are in flight.
/// </summary>
public sealed partial class IngestGrpcService(
    ProducerAuthenticator authenticator,
    BatchPublisher publisher,
    FeedLeases leases,
    IOptions<RelayOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<IngestGrpcService> logger)
    : IngestService.IngestServiceBase
{
    public override async Task<LeaseResponse> Lease(LeaseRequest request, ServerCallContext context)
    {
        var producer = authenticator.Authenticate(context);
        if (!FeedPattern().IsMatch(request.Feed))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "feed must be 1-32 letters, digits, '_', '.' or '-' (Ingest:Feed)"));
        }

        var (answer, previous) = await leases.AcquireAsync(request.Feed, producer, request.Release);
        if (answer.Granted)
        {
            RelayLog.LeaseGranted(logger, request.Feed, producer, answer.Epoch, previous.Length == 0 ? "none" : previous);
        }
        else if (request.Release && answer.Holder == producer)
        {
            RelayLog.LeaseReleased(logger, request.Feed, producer, answer.Epoch);
        }

        return answer;
    }

    public override async Task Publish(IAsyncStreamReader<PublishRequest> requestStream, IServerStreamWriter<PublishResponse> responseStream, ServerCallContext context)
    {
        var producer = authenticator.Authenticate(context);
        RelayLog.ProducerConnected(logger, producer);
        var inFlight = Channel.CreateBounded<Task<PublishResponse>>(
            new BoundedChannelOptions(options.Value.MaxInFlightBatches) { SingleReader = true, SingleWriter = true });
        var acknowledging = AcknowledgeAsync(inFlight.Reader, responseStream, context.CancellationToken);
        try
        {
            await ReceiveAsync(producer, requestStream, inFlight.Writer, context.CancellationToken);
        }
        finally
        {
            inFlight.Writer.TryComplete();
            await acknowledging;
        }
    }

    private async Task ReceiveAsync(string producer, IAsyncStreamReader<PublishRequest> requests, ChannelWriter<Task<PublishResponse>> inFlight, CancellationToken callEnded)
    {
        // On shutdown stop reading new batches, but let the answers for those already written go out.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(callEnded, lifetime.ApplicationStopping);
        try
        {
            while (await requests.MoveNext(stopReading.Token))
            {
                await inFlight.WriteAsync(publisher.Start(producer, requests.Current), callEnded);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !callEnded.IsCancellationRequested)
        {
            RelayLog.Draining(logger, producer);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    private static partial System.Text.RegularExpressions.Regex FeedPattern();

    private static async Task AcknowledgeAsync(ChannelReader<Task<PublishResponse>> inFlight, IServerStreamWriter<PublishResponse> responses, CancellationToken callEnded)
    {
        await foreach (var answer in inFlight.ReadAllAsync(callEnded))
        {
            await responses.WriteAsync(await answer, callEnded);
        }
    }
}
