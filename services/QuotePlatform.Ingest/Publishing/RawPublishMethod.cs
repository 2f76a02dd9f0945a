using Grpc.Core;
using QuotePlatform.Contracts.Ingest.V1;

namespace QuotePlatform.Ingest.Publishing;

/// <summary>
/// IngestService/Publish with the request side left as bytes: the spool holds each PublishRequest
/// already serialized, so it goes on the wire as stored instead of being parsed and encoded again.
/// </summary>
internal static class RawPublishMethod
{
    public static Method<byte[], PublishResponse> Instance { get; } = new(
        MethodType.DuplexStreaming,
        IngestService.Descriptor.FullName,
        "Publish",
        Marshallers.Create(static (byte[] bytes) => bytes, static bytes => bytes),
        Marshallers.Create(static (PublishResponse response) => Google.Protobuf.MessageExtensions.ToByteArray(response), PublishResponse.Parser.ParseFrom));
}
