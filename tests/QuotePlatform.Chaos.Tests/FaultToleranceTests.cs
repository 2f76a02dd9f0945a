using QuotePlatform.Testing.FullMarket.Chaos;

namespace QuotePlatform.Chaos.Tests;

/// <summary>
/// The most telling faults of the chaos suite, shortened: each feeds a slice of the generated day
/// through a relay and a writer process, injects the fault mid-stream, and reconciles every stored
/// bar per (symbol, period, frame) against the offline engine. One class, so they run one at a time.
/// </summary>
public sealed class FaultToleranceTests
{
    private static readonly ChaosOptions Market = new() { Symbols = 100, Pushes = 900, FaultAfterBatches = 15 };
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Pipeline_WriterKilledAfterInsertBeforeAck_EveryBarStoredOnce()
    {
        var outcome = await ChaosScenarios.WriterKilledAfterInsertBeforeAck(Market).RunAsync(Timeout);

        AssertExact(outcome);
    }

    [Fact]
    public async Task Pipeline_WriterKilledBeforeInsert_EveryBarStoredOnce()
    {
        var outcome = await ChaosScenarios.WriterKilledBeforeInsert(Market).RunAsync(Timeout);

        AssertExact(outcome);
    }

    [Fact]
    public async Task Pipeline_IngestKilledMidStream_ResumesFromSpoolEveryBarStoredOnce()
    {
        var outcome = await IngestKillScenario.RunAsync(Market, speed: 100, Timeout);

        AssertExact(outcome);
        Assert.Contains("exit code 0", outcome.Detail, StringComparison.Ordinal);
        // The kill came while the replay was still sending (not after everything was stored).
        var killedAt = System.Text.RegularExpressions.Regex.Match(outcome.Detail, @"with (\d+) of (\d+) 1m bars stored");
        Assert.True(long.Parse(killedAt.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            < long.Parse(killedAt.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), outcome.ToString());
    }

    [Fact]
    public async Task Pipeline_RelayKilledMidStream_EveryBarStoredOnce()
    {
        var outcome = await ChaosScenarios.RelayKilledMidStream(Market).RunAsync(Timeout);

        AssertExact(outcome);
    }

    [Fact]
    public async Task Pipeline_RedisKilledAndRestartedWithAof_EveryBarStoredOnce()
    {
        var outcome = await ChaosScenarios.RedisRestarted(Market).RunAsync(Timeout);

        AssertExact(outcome);
    }

    [Fact]
    public async Task Pipeline_ConnectionsCutRepeatedly_EveryBarStoredOnce()
    {
        var outcome = await ChaosScenarios.ConnectionsCut(Market, cuts: 2).RunAsync(Timeout);

        AssertExact(outcome);
    }

    [Fact]
    public async Task Pipeline_DuplicateDeliveries_StoredOnceAndAnsweredDuplicate()
    {
        var outcome = await ChaosScenarios.DuplicateDeliveries(Market).RunAsync(Timeout);

        AssertExact(outcome);
        // Every batch sent again is recognised by the relay as already written.
        Assert.Matches(@"^(\d+) batches resent to the relay \(\1 answered DUPLICATE\)", outcome.Detail);
        Assert.True(outcome.Result.RedeliveredRows > 0 || outcome.Result.Stored == outcome.Result.Expected, outcome.ToString());
    }

    [Fact]
    public async Task Pipeline_PoisonEntry_DeadLetteredWhileEveryBarStoredOnce()
    {
        var outcome = await ChaosScenarios.PoisonEntry(Market).RunAsync(Timeout);

        AssertExact(outcome);
        Assert.Contains(": 1 dead-letter row(s)", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failover_ActiveIngestKilled_StandbyTakesOverEveryBarOnceInStoreAndStreams()
    {
        var outcome = await FailoverScenario.RunAsync(Market, FailoverScenario.Fault.KillActive, TimeSpan.Zero, speed: 100, Timeout);

        AssertExact(outcome);
        Assert.True(outcome.StreamsExact, outcome.ToString());
    }

    [Fact]
    public async Task Failover_ActiveIngestCutOff_StandbyTakesOverOldHolderBecomesStandbyEveryBarOnce()
    {
        var outcome = await FailoverScenario.RunAsync(Market, FailoverScenario.Fault.ConnectionCut, TimeSpan.FromSeconds(30), speed: 100, Timeout);

        AssertExact(outcome);
        Assert.True(outcome.StreamsExact, outcome.ToString());
        Assert.Contains("exit codes 0/0", outcome.Detail, StringComparison.Ordinal);
    }

    private static void AssertExact(ChaosOutcome outcome)
    {
        Assert.True(outcome.Result.Expected > 0, outcome.ToString());
        Assert.Equal(0, outcome.Result.Missing);
        Assert.Equal(0, outcome.Result.Duplicates);
        Assert.Equal(0, outcome.Result.Differing);
        Assert.Equal(0, outcome.Result.Unexpected);
        Assert.Equal(outcome.Result.Expected, outcome.Result.Stored);
        if (outcome.Ticks is { } ticks)
        {
            Assert.True(ticks.Expected > 0 && ticks.Clean && ticks.Stored == ticks.Expected, outcome.ToString());
        }
        Assert.True(outcome.Errors.Count == 0, $"{outcome}\nunexpected errors in the service logs:\n{string.Join("\n", outcome.Errors)}");
    }
}
