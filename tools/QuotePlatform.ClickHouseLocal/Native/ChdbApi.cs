using System.Runtime.InteropServices;

namespace QuotePlatform.ClickHouseLocal.Native;

/// <summary>
/// The entry points of chDB's C API (programs/local/chdb.h) used here, resolved once per process:
/// the library is 566 MB and holds one engine, so it is never loaded twice.
/// </summary>
internal sealed unsafe class ChdbApi
{
    private static readonly Lock LoadLock = new();
    private static ChdbApi? s_loaded;
    private static string? s_loadedPath;

    private ChdbApi(nint library)
    {
        Version = (delegate* unmanaged<byte*>)Export(library, "chdb_version");
        SetSignalHandlersEnabled = (delegate* unmanaged<int, void>)Export(library, "chdb_set_signal_handlers_enabled");
        Connect = (delegate* unmanaged<int, byte**, nint*>)Export(library, "chdb_connect");
        CloseConnection = (delegate* unmanaged<nint*, void>)Export(library, "chdb_close_conn");
        QueryN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint>)Export(library, "chdb_query_n");
        QueryWithParamsN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            Export(library, "chdb_query_with_params_n");
        StreamInsertN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint>)Export(library, "chdb_stream_insert_n");
        StreamInsertWithParamsN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            Export(library, "chdb_stream_insert_with_params_n");
        StreamAppend = (delegate* unmanaged<nint, byte*, nuint, int>)Export(library, "chdb_stream_append");
        StreamDone = (delegate* unmanaged<nint, nint>)Export(library, "chdb_stream_done");
        StreamCancelInsert = (delegate* unmanaged<nint, void>)Export(library, "chdb_stream_cancel_insert");
        StreamInsertError = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_stream_insert_error");
        DestroyInsertStream = (delegate* unmanaged<nint, void>)Export(library, "chdb_destroy_insert_stream");
        ResultBuffer = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_buffer");
        ResultLength = (delegate* unmanaged<nint, nuint>)Export(library, "chdb_result_length");
        ResultElapsed = (delegate* unmanaged<nint, double>)Export(library, "chdb_result_elapsed");
        ResultRowsRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_rows_read");
        ResultBytesRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_bytes_read");
        ResultStorageRowsRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_storage_rows_read");
        ResultStorageBytesRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_storage_bytes_read");
        ResultRowsWritten = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_rows_written");
        ResultBytesWritten = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_bytes_written");
        ResultError = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_error");
        DestroyQueryResult = (delegate* unmanaged<nint, void>)Export(library, "chdb_destroy_query_result");
    }

    public delegate* unmanaged<byte*> Version { get; }

    public delegate* unmanaged<int, void> SetSignalHandlersEnabled { get; }

    public delegate* unmanaged<int, byte**, nint*> Connect { get; }

    public delegate* unmanaged<nint*, void> CloseConnection { get; }

    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint> QueryN { get; }

    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> QueryWithParamsN { get; }

    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint> StreamInsertN { get; }

    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> StreamInsertWithParamsN { get; }

    public delegate* unmanaged<nint, byte*, nuint, int> StreamAppend { get; }

    public delegate* unmanaged<nint, nint> StreamDone { get; }

    public delegate* unmanaged<nint, void> StreamCancelInsert { get; }

    public delegate* unmanaged<nint, byte*> StreamInsertError { get; }

    public delegate* unmanaged<nint, void> DestroyInsertStream { get; }

    public delegate* unmanaged<nint, byte*> ResultBuffer { get; }

    public delegate* unmanaged<nint, nuint> ResultLength { get; }

    public delegate* unmanaged<nint, double> ResultElapsed { get; }

    public delegate* unmanaged<nint, ulong> ResultRowsRead { get; }

    public delegate* unmanaged<nint, ulong> ResultBytesRead { get; }

    public delegate* unmanaged<nint, ulong> ResultStorageRowsRead { get; }

    public delegate* unmanaged<nint, ulong> ResultStorageBytesRead { get; }

    public delegate* unmanaged<nint, ulong> ResultRowsWritten { get; }

    public delegate* unmanaged<nint, ulong> ResultBytesWritten { get; }

    public delegate* unmanaged<nint, byte*> ResultError { get; }

    public delegate* unmanaged<nint, void> DestroyQueryResult { get; }

    /// <summary>Loads the library the first time; later calls must name the same file.</summary>
    public static ChdbApi Load(string libraryPath)
    {
        var fullPath = Path.GetFullPath(libraryPath);
        lock (LoadLock)
        {
            if (s_loaded is null)
            {
                var api = new ChdbApi(NativeLibrary.Load(fullPath));
                // chDB's own handlers would catch the SIGSEGV the .NET runtime uses for
                // NullReferenceException and hang the process; this must precede chdb_connect.
                api.SetSignalHandlersEnabled(0);
                s_loaded = api;
                s_loadedPath = fullPath;
            }
            else if (!string.Equals(s_loadedPath, fullPath, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"libchdb.so is already loaded from '{s_loadedPath}', not '{fullPath}'.");
            }

            return s_loaded;
        }
    }

    public string EngineVersion => Marshal.PtrToStringUTF8((nint)Version()) ?? "";

    private static nint Export(nint library, string name) => NativeLibrary.GetExport(library, name);
}
