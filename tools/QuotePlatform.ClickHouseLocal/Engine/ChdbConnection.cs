using System.Text;
using QuotePlatform.ClickHouseLocal.Native;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>
/// One engine connection. It runs one statement at a time (the pool hands it to one request at a
/// time) and keeps session state, the current database and settings, which <see cref="PrepareSession"/>
/// aligns with each request so nothing leaks from one request into the next.
/// </summary>
internal sealed unsafe class ChdbConnection
{
    private const string DefaultDatabase = "default";
    private const int UnknownSetting = 115;

    private readonly ChdbApi _api;
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private nint* _handle;
    private string _database = DefaultDatabase;

    private ChdbConnection(ChdbApi api, nint* handle)
    {
        _api = api;
        _handle = handle;
    }

    public static ChdbConnection Open(ChdbApi api, string dataPath)
    {
        var arguments = new[] { "clickhouse", "--path=" + dataPath };
        var nulTerminated = arguments.Select(argument => Encoding.UTF8.GetBytes(argument + "\0")).ToArray();
        fixed (byte* program = nulTerminated[0], path = nulTerminated[1])
        {
            var pointers = stackalloc byte*[] { program, path };
            var handle = api.Connect(2, pointers);
            if (handle is null || *handle == 0)
            {
                throw new InvalidOperationException($"chdb_connect failed for data path '{dataPath}'.");
            }

            return new ChdbConnection(api, handle);
        }
    }

    private nint Connection => _handle is not null ? *_handle : throw new ObjectDisposedException(nameof(ChdbConnection));

    /// <summary>Runs one statement; the result's bytes are in <paramref name="format"/> unless the statement names its own.</summary>
    public ChdbResult Query(ReadOnlySpan<byte> sql, string format, QueryParameters parameters)
    {
        var formatBytes = Encoding.UTF8.GetBytes(format);
        nint result;
        fixed (byte* sqlPointer = sql, formatPointer = formatBytes)
        {
            if (parameters.Count == 0)
            {
                result = _api.QueryN(Connection, sqlPointer, (nuint)sql.Length, formatPointer, (nuint)formatBytes.Length);
            }
            else
            {
                using var names = new NativeUtf8Array(parameters.Names);
                using var values = new NativeUtf8Array(parameters.Values);
                result = _api.QueryWithParamsN(
                    Connection, sqlPointer, (nuint)sql.Length, formatPointer, (nuint)formatBytes.Length,
                    names.Pointers, names.Lengths, values.Pointers, values.Lengths, (nuint)parameters.Count);
            }
        }

        var owned = new ChdbResult(_api, result);
        if (owned.Error is not null)
        {
            DiscardLeftoverOutput();
        }

        return owned.ThrowIfError();
    }

    /// <summary>Starts "INSERT INTO t (cols)" fed with <paramref name="format"/> data; the connection is busy until it is disposed.</summary>
    public ChdbInsert BeginInsert(string statement, string format, QueryParameters parameters)
    {
        var statementBytes = Encoding.UTF8.GetBytes(statement);
        var formatBytes = Encoding.UTF8.GetBytes(format);
        nint stream;
        fixed (byte* statementPointer = statementBytes, formatPointer = formatBytes)
        {
            if (parameters.Count == 0)
            {
                stream = _api.StreamInsertN(Connection, statementPointer, (nuint)statementBytes.Length, formatPointer, (nuint)formatBytes.Length);
            }
            else
            {
                using var names = new NativeUtf8Array(parameters.Names);
                using var values = new NativeUtf8Array(parameters.Values);
                stream = _api.StreamInsertWithParamsN(
                    Connection, statementPointer, (nuint)statementBytes.Length, formatPointer, (nuint)formatBytes.Length,
                    names.Pointers, names.Lengths, values.Pointers, values.Lengths, (nuint)parameters.Count);
            }
        }

        var insert = new ChdbInsert(_api, stream);
        if (insert.Error is { } error)
        {
            insert.Dispose();
            throw ClickHouseException.FromEngine(error);
        }

        return insert;
    }

    /// <summary>
    /// Makes the connection's current database and settings exactly those of the request: settings
    /// a previous request set and this one does not are put back to their defaults.
    /// </summary>
    public void PrepareSession(string? database, IReadOnlyDictionary<string, string> settings)
    {
        var wanted = string.IsNullOrEmpty(database) ? DefaultDatabase : database;
        if (!string.Equals(wanted, _database, StringComparison.Ordinal))
        {
            Execute("USE " + SqlQuoting.Identifier(wanted));
            _database = wanted;
        }

        foreach (var name in _settings.Keys.Where(name => !settings.ContainsKey(name)).ToList())
        {
            Execute($"SET {SqlQuoting.Identifier(name)} = DEFAULT");
            _settings.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            if (_settings.TryGetValue(name, out var current) && string.Equals(current, value, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                Execute($"SET {SqlQuoting.Identifier(name)} = {SqlQuoting.String(value)}");
                _settings[name] = value;
            }
            catch (ClickHouseException error) when (error.Code != UnknownSetting)
            {
                // The setting exists but its value was refused: mark it changed, so the next request resets it.
                _settings[name] = "";
                throw;
            }
        }
    }

    /// <summary>Closes the connection; closing the last one shuts the engine down.</summary>
    public void Close()
    {
        var handle = _handle;
        _handle = null;
        if (handle is not null)
        {
            _api.CloseConnection(handle);
        }
    }

    /// <summary>
    /// A statement that fails after its output format has started writing (e.g. the names and types
    /// header of RowBinaryWithNamesAndTypes) leaves those bytes in the connection, and the engine
    /// prepends them to the next result. One throw-away statement takes them out.
    /// </summary>
    private void DiscardLeftoverOutput()
    {
        var sql = "SELECT 1"u8;
        var format = "TabSeparated"u8;
        fixed (byte* sqlPointer = sql, formatPointer = format)
        {
            _api.DestroyQueryResult(_api.QueryN(Connection, sqlPointer, (nuint)sql.Length, formatPointer, (nuint)format.Length));
        }
    }

    private void Execute(string sql)
    {
        using var result = Query(Encoding.UTF8.GetBytes(sql), "TabSeparated", QueryParameters.None);
    }
}
