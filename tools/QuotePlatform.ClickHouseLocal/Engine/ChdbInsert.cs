using System.Runtime.InteropServices;
using QuotePlatform.ClickHouseLocal.Native;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>
/// A streaming INSERT: format-encoded bytes are appended chunk by chunk and committed by
/// <see cref="Complete"/>; disposing an uncompleted insert cancels it.
/// </summary>
internal sealed unsafe class ChdbInsert : IDisposable
{
    private readonly ChdbApi _api;
    private nint _stream;
    private bool _completed;

    public ChdbInsert(ChdbApi api, nint stream)
    {
        _api = api;
        _stream = stream;
    }

    /// <summary>The engine's error for the stream (set up or appended data), if any.</summary>
    public string? Error
    {
        get
        {
            var error = _api.StreamInsertError(Stream);
            return error is null ? null : Marshal.PtrToStringUTF8((nint)error);
        }
    }

    private nint Stream => _stream != 0 ? _stream : throw new ObjectDisposedException(nameof(ChdbInsert));

    public void Append(ReadOnlySpan<byte> chunk)
    {
        fixed (byte* data = chunk)
        {
            if (_api.StreamAppend(Stream, data, (nuint)chunk.Length) != 0)
            {
                throw ClickHouseException.FromEngine(Error ?? "Code: 1002. DB::Exception: The insert stream failed. (UNKNOWN_EXCEPTION)");
            }
        }
    }

    /// <summary>Ends the input and commits; returns what was written.</summary>
    public QueryStatistics Complete()
    {
        _completed = true;
        using var result = new ChdbResult(_api, _api.StreamDone(Stream));
        result.ThrowIfError();
        return result.Statistics;
    }

    public void Dispose()
    {
        var stream = Interlocked.Exchange(ref _stream, 0);
        if (stream == 0)
        {
            return;
        }

        if (!_completed)
        {
            _api.StreamCancelInsert(stream);
        }

        _api.DestroyInsertStream(stream);
    }
}
