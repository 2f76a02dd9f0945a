namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>Values for the {name:Type} placeholders of one statement, bound by the engine itself.</summary>
internal sealed class QueryParameters
{
    public static readonly QueryParameters None = new([], []);

    public QueryParameters(IReadOnlyList<string> names, IReadOnlyList<string> values)
    {
        Names = names;
        Values = values;
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Values { get; }

    public int Count => Names.Count;
}
