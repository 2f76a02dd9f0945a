using System.Runtime.InteropServices;
using QuotePlatform.ClickHouseLocal.Engine;

namespace QuotePlatform.ClickHouseLocal.Native;

/// <summary>A result owned by the caller: its bytes stay in native memory until disposed.</summary>
internal sealed unsafe class ChdbResult : IDisposable
{
    private readonly ChdbApi _api;
    private nint _handle;

    public ChdbResult(ChdbApi api, nint handle)
    {
        _api = api;
        _handle = handle;
    }

    /// <summary>The engine's own error text, e.g. "Code: 60. DB::Exception: ... (UNKNOWN_TABLE)".</summary>
    public string? Error
    {
        get
        {
            var error = _api.ResultError(Handle);
            return error is null ? null : Marshal.PtrToStringUTF8((nint)error);
        }
    }

    public long Length => (long)_api.ResultLength(Handle);

    public QueryStatistics Statistics => new(
        ReadRows: _api.ResultStorageRowsRead(Handle),
        ReadBytes: _api.ResultStorageBytesRead(Handle),
        WrittenRows: _api.ResultRowsWritten(Handle),
        WrittenBytes: _api.ResultBytesWritten(Handle),
        ResultRows: _api.ResultRowsRead(Handle),
        ResultBytes: _api.ResultBytesRead(Handle),
        Elapsed: TimeSpan.FromSeconds(_api.ResultElapsed(Handle)));

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(ChdbResult));

    /// <summary>Reads the result bytes in place; valid until this result is disposed.</summary>
    public Stream OpenRead()
    {
        var length = Length;
        return length == 0 ? Stream.Null : new UnmanagedMemoryStream(_api.ResultBuffer(Handle), length);
    }

    /// <summary>Throws the engine's error as a <see cref="ClickHouseException"/>, if there is one.</summary>
    public ChdbResult ThrowIfError()
    {
        if (Error is { } error)
        {
            Dispose();
            throw ClickHouseException.FromEngine(error);
        }

        return this;
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            _api.DestroyQueryResult(handle);
        }
    }
}
