using System.Buffers.Binary;
using System.Net;

namespace QuotePlatform.ClickHouseLocal.Tests.Http;

/// <summary>A RowBinary body of UInt64 rows that never ends: the client must give up mid-request.</summary>
internal sealed class EndlessRowBinaryContent : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        for (var row = 0; row < chunk.Length / 8; row++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(chunk.AsSpan(row * 8), (ulong)row);
        }

        while (true)
        {
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(20, cancellationToken);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
