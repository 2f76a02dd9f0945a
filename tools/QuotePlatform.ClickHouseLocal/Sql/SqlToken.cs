namespace QuotePlatform.ClickHouseLocal.Sql;

/// <summary>A bare word (keyword or identifier) or a punctuation mark, with its nesting depth.</summary>
internal readonly record struct SqlToken(bool IsWord, int Start, int End, int Depth)
{
    public bool Is(string sql, string keyword) =>
        IsWord && sql.AsSpan(Start, End - Start).Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsPunctuation(string sql, char mark) => !IsWord && End - Start == 1 && sql[Start] == mark;

    public string Text(string sql) => sql[Start..End];
}
