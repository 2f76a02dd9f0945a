using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Relay.Tests.Infrastructure;

/// <summary>One connection to the shared test Redis for reading back and preparing data.</summary>
public static class SharedRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Shared = new(() => ConnectionMultiplexer.Connect(TestServers.Redis));

    public static IConnectionMultiplexer Connection => Shared.Value;

    public static IDatabase Database => Shared.Value.GetDatabase();
}
