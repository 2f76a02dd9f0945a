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
    /// Finds where an INSERT's data starts, after its FORMAT clause or VALUES keyword, so the data can be
    /// streamed into the engine. Null for any other statement (e.g. INSERT ... SELECT), and also when
    /// <paramref name="text"/> is only the start of the request and may end inside the format name:
    /// <paramref name="needMore"/> then says so.
    /// </summary>
    public static StreamedInsert? TrySplitInsert(string text, bool complete, out bool needMore)
    {
        needMore = false;
        using var tokens = SqlTokenizer.Tokens(text).GetEnumerator();
        if (!tokens.MoveNext())
        {
            needMore = !complete;
            return null;
        }

        if (!tokens.Current.Is(text, "INSERT"))
        {
            needMore = !complete && tokens.Current.End == text.Length;
            return null;
        }

        while (tokens.MoveNext())
        {
            var token = tokens.Current;
            if (token.Depth > 0 || !token.IsWord)
            {
                continue;
            }

            if (token.Is(text, "SELECT") || token.Is(text, "WITH"))
            {
                return null;
            }

            if (token.Is(text, "VALUES"))
            {
                return new StreamedInsert(token.Start, "Values", token.End);
            }

            if (token.Is(text, "FORMAT"))
            {
                if (!tokens.MoveNext() || !tokens.Current.IsWord || (!complete && tokens.Current.End == text.Length))
                {
                    needMore = !complete;
                    return null;
                }

                return new StreamedInsert(token.Start, tokens.Current.Text(text), DataStart(text, tokens.Current.End));
            }
        }

        needMore = !complete;
        return null;
    }

    /// <summary>As clickhouse-server: data starts after spaces and one line break following the format name.</summary>
    private static int DataStart(string text, int afterFormatName)
    {
        var i = afterFormatName;
        while (i < text.Length && text[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        if (i < text.Length && text[i] == '\r')
        {
            i++;
        }

        if (i < text.Length && text[i] == '\n')
        {
            i++;
        }

        return i;
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
