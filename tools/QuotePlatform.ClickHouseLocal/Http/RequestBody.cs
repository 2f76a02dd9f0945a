using System.IO.Compression;
using K4os.Compression.LZ4.Streams;
using QuotePlatform.ClickHouseLocal.Engine;
using ZstdSharp;

namespace QuotePlatform.ClickHouseLocal.Http;

/// <summary>The request body, decoded by its Content-Encoding as clickhouse-server does.</summary>
internal sealed class RequestBody(Stream decoded) : IAsyncDisposable
{
    public static RequestBody Open(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding.LastOrDefault()?.Trim().ToLowerInvariant();
        var body = request.Body;
        Stream decoded = encoding switch
        {
            null or "" or "identity" => body,
            "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
            "zstd" => new DecompressionStream(body, leaveOpen: true),
            "lz4" => LZ4Stream.Decode(body, leaveOpen: true),
            _ => throw ClickHouseException.Create(ClickHouseErrorCode.UnknownCompressionMethod,
                $"Unknown Content-Encoding '{encoding}': supported are gzip, deflate, br, zstd and lz4"),
        };
        return new RequestBody(decoded);
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the body allows; 0 at its end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await decoded.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (Exception error) when (error is InvalidDataException or ZstdException)
        {
            throw ClickHouseException.Create(ClickHouseErrorCode.CannotDecompress,
                "Cannot decompress the request body: " + error.Message.TrimEnd('.'));
        }
    }

    /// <summary>Appends the rest of the body to <paramref name="into"/>, refusing more than <paramref name="maxBytes"/> in all.</summary>
    public async Task ReadToEndAsync(MemoryStream into, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (into.Length + read > maxBytes)
            {
                throw ClickHouseException.Create(ClickHouseErrorCode.QueryIsTooLarge,
                    $"The query exceeds ClickHouseLocal:MaxQueryBodyBytes ({maxBytes} bytes); only INSERT ... FORMAT data is streamed");
            }

            into.Write(buffer, 0, read);
        }
    }

    public ValueTask DisposeAsync() => decoded.DisposeAsync();
}
