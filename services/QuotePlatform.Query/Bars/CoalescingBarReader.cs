using QuotePlatform.Domain.Bars;
using QuotePlatform.Storage.Bars;

namespace QuotePlatform.Query.Bars;

/// <summary>
/// Single-symbol reads of the same period, range and limit that arrive while such a read is running
/// wait for it and then go to ClickHouse together, as one "symbol IN (...) LIMIT n BY symbol" query.
/// Each statement costs the engine a fixed planning and FINAL setup that dwarfs reading 240 rows,
/// so under load (a page of many viewers asking for "today" of their symbols) this multiplies what
/// the engine can answer; an idle service still answers every read at once, alone.
/// A shared statement is cancelled only when every caller in it has gone away.
/// </summary>
internal sealed class CoalescingBarReader(BarReader reader)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RangeKey, Slot> _slots = [];

    public async Task<IReadOnlyList<BarRow>> ReadAsync(
        string symbol, BarPeriod period, long fromUnixMs, long toUnixMs, int limit, CancellationToken cancellationToken)
    {
        var key = new RangeKey(period, fromUnixMs, toUnixMs, limit);
        Waiter? waiter = null;
        lock (_lock)
        {
            if (!_slots.TryGetValue(key, out var slot))
            {
                // Nothing of this range is running: run alone, now.
                _slots[key] = new Slot();
            }
            else
            {
                waiter = new Waiter(symbol, cancellationToken);
                slot.Waiting.Add(waiter);
            }
        }

        if (waiter is not null)
        {
            return await waiter.Result.Task.WaitAsync(cancellationToken);
        }

        try
        {
            return await reader.ReadAsync(symbol, period, fromUnixMs, toUnixMs, limit, cancellationToken);
        }
        finally
        {
            RunNextRound(key);
        }
    }

    /// <summary>Starts one statement for everyone who queued behind the read that just ended, or frees the range.</summary>
    private void RunNextRound(RangeKey key)
    {
        List<Waiter> round;
        lock (_lock)
        {
            var slot = _slots[key];
            if (slot.Waiting.Count == 0)
            {
                _slots.Remove(key);
                return;
            }

            round = slot.Waiting;
            slot.Waiting = [];
        }

        _ = RunRoundAsync(key, round);
    }

    private async Task RunRoundAsync(RangeKey key, List<Waiter> round)
    {
        using var allGone = new CancellationTokenSource();
        var remaining = round.Count;
        var registrations = round.Select(w => w.CancellationToken.Register(() =>
        {
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                allGone.Cancel();
            }
        })).ToList();
        try
        {
            var symbols = round.Select(w => w.Symbol).Distinct(StringComparer.Ordinal).ToList();
            var rows = await reader.ReadManyAsync(symbols, key.Period, key.FromUnixMs, key.ToUnixMs, limit: 0, allGone.Token, limitPerSymbol: key.Limit);
            var bySymbol = rows.GroupBy(r => r.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<BarRow>)[.. g], StringComparer.Ordinal);
            foreach (var waiter in round)
            {
                waiter.Result.TrySetResult(bySymbol.TryGetValue(waiter.Symbol, out var own) ? own : []);
            }
        }
        catch (Exception ex)
        {
            foreach (var waiter in round)
            {
                waiter.Result.TrySetException(ex);
            }
        }
        finally
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }

            RunNextRound(key);
        }
    }

    private readonly record struct RangeKey(BarPeriod Period, long FromUnixMs, long ToUnixMs, int Limit);

    private sealed class Slot
    {
        public List<Waiter> Waiting { get; set; } = [];
    }

    private sealed record Waiter(string Symbol, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<IReadOnlyList<BarRow>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
