using System.Text;
using QuotePlatform.ClickHouseLocal.Sql;

namespace QuotePlatform.ClickHouseLocal.Http;

/// <summary>
/// The start of the query text: the query parameter, a newline, then as much of the body as it takes
/// to tell whether it is an INSERT whose data can be streamed (the driver sends "INSERT ... FORMAT
/// RowBinary\n" and the rows in the body).
/// </summary>
internal sealed class RequestHead
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxStatementBytes = 1024 * 1024;

    private RequestHead(MemoryStream bytes, bool complete, StreamedInsert? insert)
    {
        Bytes = bytes;
        Complete = complete;
        Insert = insert;
    }

    /// <summary>The bytes read so far, the query parameter first.</summary>
    public MemoryStream Bytes { get; }

    /// <summary>Whether the whole body has been read.</summary>
    public bool Complete { get; }

    /// <summary>Set when the request is an INSERT whose data follows in the body.</summary>
    public StreamedInsert? Insert { get; }

    public string Statement => Insert is null ? "" : Encoding.UTF8.GetString(Bytes.GetBuffer(), 0, Insert.StatementEnd).TrimEnd();

    public ReadOnlySpan<byte> InsertData => Insert is null ? [] : Bytes.GetBuffer().AsSpan(Insert.DataStart, (int)Bytes.Length - Insert.DataStart);

    public static async Task<RequestHead> ReadAsync(ClickHouseRequest request, RequestBody body, CancellationToken cancellationToken)
    {
        var bytes = new MemoryStream();
        if (request.Query.Length > 0)
        {
            bytes.Write(Encoding.UTF8.GetBytes(request.Query));
            bytes.WriteByte((byte)'\n');
        }

        var chunk = new byte[ChunkBytes];
        while (true)
        {
            var read = await body.ReadAsync(chunk, cancellationToken);
            bytes.Write(chunk, 0, read);
            var complete = read < chunk.Length;
            if (request.ReadOnly)
            {
                // GET never writes, so nothing is streamed.
                return new RequestHead(bytes, complete, null);
            }

            // Latin-1 maps each byte to one char, so positions in the text are positions in the bytes.
            var text = Encoding.Latin1.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
            var insert = SqlStatement.TrySplitInsert(text, complete, out var needMore);
            if (insert is not null || !needMore || complete || bytes.Length >= MaxStatementBytes)
            {
                return new RequestHead(bytes, complete, insert);
            }
        }
    }
}
