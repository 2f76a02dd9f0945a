namespace QuotePlatform.ClickHouseLocal.Sql;

/// <summary>What the endpoint needs to know about a statement before the engine sees it.</summary>
internal static class SqlStatement
{
    private static readonly HashSet<string> ReadOnlyKeywords =
        new(["SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The first keyword, upper case ("" for an empty statement); a leading "(" is skipped.</summary>
    public static string FirstKeyword(string sql) =>
        SqlTokenizer.Tokens(sql).FirstOrDefault(token => token.IsWord) is { IsWord: true } token
            ? token.Text(sql).ToUpperInvariant()
            : "";

    /// <summary>Whether clickhouse-server would run the statement under readonly (GET requests).</summary>
    public static bool IsReadOnly(string sql) => ReadOnlyKeywords.Contains(FirstKeyword(sql));

    /// <summary>
    /// Splits an INSERT whose data follows its FORMAT clause (or VALUES keyword) so that the data can be
    /// streamed into the engine; null for any other statement, e.g. INSERT ... SELECT.
    /// </summary>
    public static StreamedInsert? TrySplitInsert(string sql)
    {
        using var tokens = SqlTokenizer.Tokens(sql).GetEnumerator();
        if (!tokens.MoveNext() || !tokens.Current.Is(sql, "INSERT"))
        {
            return null;
        }

        while (tokens.MoveNext())
        {
            var token = tokens.Current;
            if (token.Depth > 0 || !token.IsWord)
            {
                continue;
            }

            if (token.Is(sql, "SELECT") || token.Is(sql, "WITH"))
            {
                return null;
            }

            if (token.Is(sql, "VALUES"))
            {
                return new StreamedInsert(sql[..token.Start].TrimEnd(), "Values", sql[token.End..].TrimStart());
            }

            if (token.Is(sql, "FORMAT"))
            {
                if (!tokens.MoveNext() || !tokens.Current.IsWord)
                {
                    return null;
                }

                var name = tokens.Current;
                return new StreamedInsert(sql[..token.Start].TrimEnd(), name.Text(sql), sql[name.End..].TrimStart());
            }
        }

        return null;
    }

    /// <summary>
    /// The format named by the statement's own FORMAT clause: the last top-level "FORMAT Name",
    /// followed by nothing but its SETTINGS clause (so a column called "format" is not mistaken for it).
    /// </summary>
    public static string? OutputFormat(string sql)
    {
        string? format = null;
        var afterFormat = false;
        foreach (var token in SqlTokenizer.Tokens(sql))
        {
            if (format is not null && token.Depth == 0 && token.Is(sql, "SETTINGS"))
            {
                return format;
            }

            if (afterFormat && token.IsWord)
            {
                format = token.Text(sql);
                afterFormat = false;
                continue;
            }

            if (!token.IsPunctuation(sql, ';'))
            {
                format = null;
            }

            afterFormat = token.Depth == 0 && token.Is(sql, "FORMAT");
        }

        return format;
    }
}
