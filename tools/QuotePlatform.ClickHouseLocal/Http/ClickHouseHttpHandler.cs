using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using QuotePlatform.ClickHouseLocal.Engine;
using QuotePlatform.ClickHouseLocal.Sql;

namespace QuotePlatform.ClickHouseLocal.Http;

/// <summary>
/// Serves ClickHouse's HTTP interface: the query from the URL's query parameter followed by the body;
/// INSERT ... FORMAT in the query parameter streams the body into the engine; errors come back with
/// ClickHouse's status, X-ClickHouse-Exception-Code and "Code: N. DB::Exception: ..." body.
/// </summary>
internal sealed partial class ClickHouseHttpHandler(
    ChdbEngine engine, IOptions<ClickHouseLocalOptions> options, ILogger<ClickHouseHttpHandler> logger)
{
    private const int InsertChunkBytes = 1024 * 1024;
    private static readonly byte[] Ok = "Ok.\n"u8.ToArray();
    private static readonly string ServerName = Environment.MachineName;

    public async Task PingAsync(HttpContext context)
    {
        context.Response.StatusCode = engine.IsServing ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=UTF-8";
        await context.Response.Body.WriteAsync(engine.IsServing ? Ok : "Starting.\n"u8.ToArray(), context.RequestAborted);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var queryId = ClickHouseRequest.QueryIdOf(context.Request);
        var aborted = context.RequestAborted;
        try
        {
            var request = ClickHouseRequest.Parse(context.Request, queryId);
            if (HttpMethods.IsGet(context.Request.Method) && request.Query.Length == 0)
            {
                await context.Response.Body.WriteAsync(Ok, aborted);
                return;
            }

            await using var body = RequestBody.Open(context.Request);
            var head = await RequestHead.ReadAsync(request, body, aborted);
            if (head.Insert is not null)
            {
                await InsertAsync(context, request, head, body);
            }
            else
            {
                await QueryAsync(context, request, head, body);
            }
        }
        catch (ClickHouseException error) when (!aborted.IsCancellationRequested)
        {
            LogQueryFailed(queryId, error.Code, error.Message);
            await WriteErrorAsync(context, queryId, error);
        }
        catch (Exception error) when (aborted.IsCancellationRequested || error is IOException or BadHttpRequestException)
        {
            // The client went away (or sent a broken body): the statement was cancelled or finished,
            // and its connection is back in the pool; there is no one left to answer.
            LogClientGone(queryId, error.GetType().Name, error.Message);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Still answered in ClickHouse's shape, so the driver raises its server exception.
            LogUnexpected(queryId, error);
            await WriteErrorAsync(context, queryId, ClickHouseException.Create(ClickHouseErrorCode.UnknownException, error.Message.TrimEnd('.')));
        }
    }

    private async Task InsertAsync(HttpContext context, ClickHouseRequest request, RequestHead head, RequestBody body)
    {
        var aborted = context.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        var buffer = ArrayPool<byte>.Shared.Rent(InsertChunkBytes);
        try
        {
            QueryStatistics statistics;
            using (var lease = await engine.RentAsync(aborted))
            {
                lease.Connection.PrepareSession(request.Database, request.Settings);
                using var insert = lease.Connection.BeginInsert(head.Statement, head.Insert!.Format, request.Parameters);
                insert.Append(head.InsertData);
                int read;
                while (!head.Complete && (read = await body.ReadAsync(buffer, aborted)) > 0)
                {
                    insert.Append(buffer.AsSpan(0, read));
                }

                statistics = insert.Complete();
            }

            WriteHeaders(context, request.QueryId, statistics with { Elapsed = Stopwatch.GetElapsedTime(started) }, request.DefaultFormat);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task QueryAsync(HttpContext context, ClickHouseRequest request, RequestHead head, RequestBody body)
    {
        var aborted = context.RequestAborted;
        if (!head.Complete)
        {
            await body.ReadToEndAsync(head.Bytes, options.Value.MaxQueryBodyBytes, aborted);
        }

        var sql = head.Bytes.GetBuffer().AsMemory(0, (int)head.Bytes.Length);
        var text = Encoding.UTF8.GetString(sql.Span);
        if (text.Trim().Length == 0)
        {
            throw ClickHouseException.Create(ClickHouseErrorCode.SyntaxError, "Empty query");
        }

        if (request.ReadOnly && !SqlStatement.IsReadOnly(text))
        {
            throw ClickHouseException.Create(ClickHouseErrorCode.Readonly,
                "Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries");
        }

        var format = SqlStatement.OutputFormat(text) ?? request.DefaultFormat;
        if (SqlStatement.FirstKeyword(text) is "SET" or "USE")
        {
            // Without a session, clickhouse-server forgets SET and USE when the request ends; the pooled
            // connection must not remember them either.
            WriteHeaders(context, request.QueryId, default, format);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        Native.ChdbResult result;
        using (var lease = await engine.RentAsync(aborted))
        {
            lease.Connection.PrepareSession(request.Database, request.Settings);
            result = lease.Connection.Query(sql.Span, request.DefaultFormat, request.Parameters);
        }

        using (result)
        {
            WriteHeaders(context, request.QueryId, result.Statistics with { Elapsed = Stopwatch.GetElapsedTime(started) }, format);
            context.Response.ContentType = OutputFormats.ContentType(format);
            context.Response.ContentLength = result.Length;
            await using var bytes = result.OpenRead();
            await bytes.CopyToAsync(context.Response.Body, aborted);
        }
    }

    private void WriteHeaders(HttpContext context, string queryId, QueryStatistics statistics, string format)
    {
        var headers = context.Response.Headers;
        headers["X-ClickHouse-Query-Id"] = queryId;
        headers["X-ClickHouse-Format"] = format;
        headers["X-ClickHouse-Timezone"] = engine.Timezone;
        headers["X-ClickHouse-Server-Display-Name"] = ServerName;
        headers["X-ClickHouse-Summary"] = statistics.ToSummaryJson();
    }

    private async Task WriteErrorAsync(HttpContext context, string queryId, ClickHouseException error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Headers are gone: end the body with the error text, as clickhouse-server does mid-stream.
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Environment.NewLine + error.Message + "\n"));
            return;
        }

        response.Clear();
        response.StatusCode = ErrorStatus.For(error.Code);
        response.ContentType = "text/plain; charset=UTF-8";
        response.Headers["X-ClickHouse-Query-Id"] = queryId;
        response.Headers["X-ClickHouse-Exception-Code"] = error.Code.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-ClickHouse-Timezone"] = engine.Timezone;
        response.Headers["X-ClickHouse-Server-Display-Name"] = ServerName;
        var text = error.Message.EndsWith('\n') ? error.Message : error.Message + "\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {QueryId} failed with code {Code}: {Error}")]
    private partial void LogQueryFailed(string queryId, int code, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Query {QueryId} failed unexpectedly")]
    private partial void LogUnexpected(string queryId, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Query {QueryId}: client disconnected ({ErrorType}: {Error})")]
    private partial void LogClientGone(string queryId, string errorType, string error);
}
