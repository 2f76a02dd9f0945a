using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QuotePlatform.Query.Telemetry;

namespace QuotePlatform.Query.Access;

/// <summary>The budgets of the clients seen so far, by client name.</summary>
internal sealed class ClientLimiter(IOptions<ClientLimitOptions> options, QueryMetrics metrics, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ClientBudget> _budgets = new(StringComparer.Ordinal);

    public ClientBudget For(string client) =>
        _budgets.GetOrAdd(client, name => new ClientBudget(name, options.Value, metrics, time));
}
