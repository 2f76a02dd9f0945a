namespace QuotePlatform.Query.Access;

/// <summary>One reader allowed to call the query API: its name (used for its limits and metrics) and its key.</summary>
public sealed class ReadKey
{
    public string Name { get; set; } = "";

    /// <summary>Secret: from the environment (Query__ReadApiKeys__0__Key) or a secret store, never from the repository.</summary>
    public string Key { get; set; } = "";
}
