using QuotePlatform.ClickHouseLocal.Sql;

namespace QuotePlatform.ClickHouseLocal.Tests.Sql;

public sealed class SqlStatementTests
{
    [Fact]
    public void TrySplitInsert_DriverBatchLine_SplitsStatementFormatAndData()
    {
        const string text = "INSERT INTO bars (symbol, close) FORMAT RowBinary\n\u0001\u0002";

        var insert = SqlStatement.TrySplitInsert(text, complete: false, out _);

        Assert.NotNull(insert);
        Assert.Equal("INSERT INTO bars (symbol, close) ", text[..insert.StatementEnd]);
        Assert.Equal("RowBinary", insert.Format);
        Assert.Equal("\u0001\u0002", text[insert.DataStart..]);
    }

    [Fact]
    public void TrySplitInsert_InlineCsvAfterFormat_DataStartsAfterSpaces()
    {
        const string text = "insert into t format CSV  1,2\n3,4";

        var insert = SqlStatement.TrySplitInsert(text, complete: true, out _);

        Assert.NotNull(insert);
        Assert.Equal("CSV", insert.Format);
        Assert.Equal("1,2\n3,4", text[insert.DataStart..]);
    }

    [Fact]
    public void TrySplitInsert_Values_StreamsAsValuesFormat()
    {
        const string text = "INSERT INTO t (a, `values`) VALUES (1, 'FORMAT x')";

        var insert = SqlStatement.TrySplitInsert(text, complete: true, out _);

        Assert.NotNull(insert);
        Assert.Equal("INSERT INTO t (a, `values`) ", text[..insert.StatementEnd]);
        Assert.Equal("Values", insert.Format);
        Assert.Equal(" (1, 'FORMAT x')", text[insert.DataStart..]);
    }

    [Theory]
    [InlineData("INSERT INTO t FORMAT RowBin")]
    [InlineData("INSERT INTO t (a, b")]
    public void TrySplitInsert_TextEndsBeforeTheData_AsksForMore(string text)
    {
        Assert.Null(SqlStatement.TrySplitInsert(text, complete: false, out var needMore));
        Assert.True(needMore);
    }

    [Theory]
    [InlineData("INSERT INTO t SELECT number FROM numbers(3)")]
    [InlineData("INSERT INTO t WITH 1 AS x SELECT x")]
    [InlineData("SELECT 1 FORMAT CSV")]
    [InlineData("/* INSERT INTO t FORMAT CSV */ SELECT 1")]
    public void TrySplitInsert_NotAStreamableInsert_ReturnsNull(string text)
    {
        Assert.Null(SqlStatement.TrySplitInsert(text, complete: false, out var needMore));
        Assert.False(needMore);
    }

    [Theory]
    [InlineData("SELECT 1 FORMAT JSONEachRow", "JSONEachRow")]
    [InlineData("SELECT 1 FORMAT CSV SETTINGS max_threads = 1", "CSV")]
    [InlineData("SELECT 1 FORMAT JSON;", "JSON")]
    [InlineData("SELECT a AS format FROM t", null)]
    [InlineData("SELECT 'FORMAT CSV'", null)]
    [InlineData("SELECT * FROM (SELECT 1 FORMAT CSV)", null)]
    public void OutputFormat_Statement_ReturnsItsOwnFormatClause(string sql, string? expected)
    {
        Assert.Equal(expected, SqlStatement.OutputFormat(sql));
    }

    [Theory]
    [InlineData("SELECT 1", true)]
    [InlineData("  -- comment\n (SELECT 1)", true)]
    [InlineData("with x as (select 1) select * from x", true)]
    [InlineData("SHOW TABLES", true)]
    [InlineData("DESCRIBE TABLE t", true)]
    [InlineData("INSERT INTO t VALUES (1)", false)]
    [InlineData("CREATE TABLE t (a UInt8) ENGINE = Memory", false)]
    [InlineData("DROP TABLE t", false)]
    public void IsReadOnly_Statement_MatchesClickHouseReadonlyRules(string sql, bool expected)
    {
        Assert.Equal(expected, SqlStatement.IsReadOnly(sql));
    }
}
