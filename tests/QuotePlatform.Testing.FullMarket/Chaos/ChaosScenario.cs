namespace QuotePlatform.Testing.FullMarket.Chaos;

/// <summary>
/// One fault: how the run is set up, what is done to it mid-stream (returns a line on what happened),
/// and which error lines in the service logs that fault is expected to cause.
/// </summary>
public sealed record ChaosScenario(
    string Name,
    ChaosOptions Options,
    Func<ChaosRun, CancellationToken, Task<string>> Fault,
    Func<string, bool>? ExpectedError = null)
{
    public async Task<ChaosOutcome> RunAsync(TimeSpan timeout)
    {
        await using var run = await ChaosRun.StartAsync(Options);
        return await run.RunAsync(Name, Fault, timeout, ExpectedError);
    }
}
