using Xunit;

namespace QuotePlatform.Query.Tests.Support;

/// <summary>A test class with a world of its own (database, Redis keys) and the query service in-process over it.</summary>
public abstract class QueryServiceTest : IAsyncLifetime
{
    protected QueryWorld World { get; private set; } = null!;

    protected QueryHost Host { get; private set; } = null!;

    /// <summary>Settings the service takes over the world's (none by default).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Overrides => null;

    /// <summary>The service's clock (the system's by default).</summary>
    protected virtual TimeProvider? Clock => null;

    public virtual async Task InitializeAsync()
    {
        World = await QueryWorld.CreateAsync();
        Host = new QueryHost(World, Overrides, Clock);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await World.DisposeAsync();
    }
}
