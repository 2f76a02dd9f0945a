namespace QuotePlatform.ClickHouseLocal.Sql;

/// <summary>
/// Just enough of ClickHouse's lexer to find statement keywords: skips whitespace, comments and
/// quoted literals and identifiers, and tracks bracket depth. Never parses past what it is asked for,
/// so binary data after an INSERT's format name is never touched.
/// </summary>
internal static class SqlTokenizer
{
    public static IEnumerable<SqlToken> Tokens(string sql)
    {
        var depth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(sql, i + 1, '-') || c == '#')
            {
                i = LineEnd(sql, i);
            }
            else if (c == '/' && At(sql, i + 1, '*'))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c is '\'' or '"' or '`')
            {
                var end = QuotedEnd(sql, i);
                yield return new SqlToken(false, i, end, depth);
                i = end;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                yield return new SqlToken(true, start, i, depth);
            }
            else
            {
                if (c is '(' or '[' or '{')
                {
                    yield return new SqlToken(false, i, i + 1, depth);
                    depth++;
                }
                else
                {
                    if (c is ')' or ']' or '}')
                    {
                        depth = Math.Max(0, depth - 1);
                    }

                    yield return new SqlToken(false, i, i + 1, depth);
                }

                i++;
            }
        }
    }

    private static bool At(string sql, int index, char c) => index < sql.Length && sql[index] == c;

    private static int LineEnd(string sql, int start)
    {
        var end = sql.IndexOf('\n', start);
        return end < 0 ? sql.Length : end + 1;
    }

    /// <summary>The index after the closing quote; backslash escapes and doubled quotes stay inside.</summary>
    private static int QuotedEnd(string sql, int start)
    {
        var quote = sql[start];
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == '\\')
            {
                i += 2;
            }
            else if (sql[i] == quote)
            {
                if (!At(sql, i + 1, quote))
                {
                    return i + 1;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }
}
