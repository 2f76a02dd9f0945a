using QuotePlatform.Contracts.Ingest.V1;
using ContractPeriod = QuotePlatform.Contracts.MarketData.V1.Period;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Ingest.Batching;

/// <summary>
/// Collects what the engine produces into batches: every final bar of the chosen periods, in order,
/// and only the latest forming update per symbol and period and the latest quote per symbol (these
/// are latest-value data: an older one is superseded, so sending it would only cost bandwidth).
/// <para>
/// With <paramref name="latestInterval"/> zero (live sources, paced replays) the latest values ride
/// in the open batch, which closes at <paramref name="maxItems"/> items or when it is due (MaxDelay
/// after its first item). With an interval (a replay at full speed, faster than anyone can watch)
/// they are coalesced across batches and sent at most once per interval of wall time, while final
/// bars still close their batches as before.
/// </para>
/// Outputs are numbered per step so a replay can skip what the spool already holds (<see cref="ResumePoint"/>).
/// A resume point covers final bars exactly; latest values of the skipped outputs are still kept, so
/// a resumed replay sends the latest state it had reached (a repeat the relay ignores) instead of losing
/// it; a replay run again after it had reached its end sends none again.
/// With <paramref name="archiveTicks"/> every accepted tick also goes, in full and never coalesced,
/// to the tick archive: it travels like a final bar.
/// One thread (the engine's) drives it.
/// </summary>
public sealed class BatchBuilder(
    IReadOnlyCollection<BarPeriod> periods,
    int maxItems,
    string producerId,
    TimeProvider time,
    ResumePoint skipThrough,
    TimeSpan latestInterval = default,
    bool archiveTicks = false,
    TimeSpan grace = default)
    : IBarSink
{
    private readonly HashSet<BarPeriod> _periods = [.. periods];
    private readonly LatestValues _latest = new();
    private readonly Queue<SealedBatch> _sealed = new();
    private readonly bool _coalesceAcrossBatches = latestInterval > TimeSpan.Zero;
    private readonly Dictionary<ContractPeriod, long> _latestFinal = [];
    private readonly List<StoredFrame> _completeThrough = [];
    private PublishRequest _current = new();
    private int _finalBars;
    private int _formingBars;
    private long _step;
    private int _output;
    private ulong _sourceHash;
    private long? _latestSentAt;

    /// <summary>
    /// When the first item of the open batch came (TimeProvider timestamp), or null when it is empty.
    /// Latest values coalesced across batches do not open a batch: they are due by the interval.
    /// </summary>
    public long? OpenedAt { get; private set; }

    /// <summary>Outputs skipped because the spool already holds them (a resumed replay).</summary>
    public long Skipped { get; private set; }

    /// <summary>Latest values (forming bars, quotes) built and not sent: superseded by newer ones before their batch closed.</summary>
    public long Coalesced { get; private set; }

    public bool HasOpenBatch => OpenedAt is not null || LatestPending;

    private bool LatestPending => _latest.Any;

    // While the outputs still fall inside the spool's resume point nothing may be sealed: a batch
    // would carry an earlier position than the spool holds.
    private bool Resuming => Covered(_output + 1);

    /// <summary>The next push (or the final flush) starts: its outputs are numbered from 1.</summary>
    public void BeginStep(ulong sourceHash, long step)
    {
        _sourceHash = sourceHash;
        _step = step;
        _output = 0;
    }

    public void OnBar(in Bar bar)
    {
        if (!_periods.Contains(bar.Period))
        {
            return;
        }

        var skipped = SkipOutput();
        if (bar.Final)
        {
            // A final bar supersedes its forming updates (also while resuming: they were superseded then too).
            if (_latest.DropForming(bar))
            {
                Coalesced++;
            }

            if (skipped)
            {
                return;
            }

            var contract = bar.ToContract();
            _current.Bars.Add(contract);
            _finalBars++;
            if (!_latestFinal.TryGetValue(contract.Period, out var latest) || latest < contract.FrameUnixMs)
            {
                _latestFinal[contract.Period] = contract.FrameUnixMs;
            }

            Added(latest: false);
        }
        else
        {
            // Kept as the domain struct: most are superseded before they are sent, so map only those that go.
            if (_latest.SetForming(bar))
            {
                Coalesced++;
            }

            if (!skipped)
            {
                Added(latest: true);
            }
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }

    /// <summary>An accepted tick: the symbol's latest quote, and (when archiving) a tick for the archive.</summary>
    /// <param name="receivedUnixMs">When the push carrying the tick was received (TickPush.ReceivedUnixMs); the quote carries it.</param>
    /// <param name="clockUnixMs">The bar engine's clock when it took the tick; the archived tick carries it.</param>
    public void AddQuote(string symbol, in MarketTick tick, TickBook book, long receivedUnixMs = 0, long clockUnixMs = 0)
    {
        var skipped = SkipOutput();
        if (_latest.SetQuote(symbol, tick, book, receivedUnixMs))
        {
            Coalesced++;
        }

        if (skipped)
        {
            return;
        }

        if (archiveTicks)
        {
            _current.Ticks.Add(TickContracts.ToContract(symbol, tick, book, receivedUnixMs, clockUnixMs));
        }

        Added(latest: !archiveTicks);
    }

    /// <summary>
    /// How long until <see cref="SealDue"/> has something to seal (zero or less: now), or null when
    /// nothing is waiting.
    /// </summary>
    public TimeSpan? DueIn(TimeSpan maxDelay)
    {
        TimeSpan? due = OpenedAt is { } opened ? maxDelay - time.GetElapsedTime(opened) : null;
        if (_coalesceAcrossBatches && LatestPending && !Resuming)
        {
            var latest = _latestSentAt is { } sent ? latestInterval - time.GetElapsedTime(sent) : TimeSpan.Zero;
            due = due is { } batch && batch < latest ? batch : latest;
        }

        return due;
    }

    /// <summary>Closes the open batch once MaxDelay has passed since its first item, and sends the latest values once their interval is up.</summary>
    public void SealDue(TimeSpan maxDelay)
    {
        var latestDue = _coalesceAcrossBatches && LatestPending && !Resuming
            && (_latestSentAt is not { } sent || time.GetElapsedTime(sent) >= latestInterval);
        if (latestDue || (OpenedAt is { } opened && time.GetElapsedTime(opened) >= maxDelay))
        {
            Close(includeLatest: !_coalesceAcrossBatches || latestDue, stepDone: true);
        }
    }

    /// <summary>Closes the open batch and sends every pending latest value (the end of a run, a stop).</summary>
    public void Seal()
    {
        if (Covered(_output))
        {
            // A replay run again after it had reached this point: the run before sent these with its last batches.
            _latest.Clear();
        }

        Close(includeLatest: true, stepDone: true);
    }

    public bool TryTake(out SealedBatch batch) => _sealed.TryDequeue(out batch!);

    /// <param name="stepDone">Between steps every close the engine made is whole: the final bars so far are complete.</param>
    private void Close(bool includeLatest, bool stepDone)
    {
        if (stepDone)
        {
            _completeThrough.Clear();
            _completeThrough.AddRange(_latestFinal.Select(latest => new StoredFrame { Period = latest.Key, FrameUnixMs = CompleteThrough(latest.Value) }));
        }

        if (includeLatest && LatestPending)
        {
            // Final bars first (as they came), then the latest values, split at the batch size.
            foreach (var bar in _latest.Forming())
            {
                MakeRoom();
                _current.Bars.Add(bar.ToContract());
                _formingBars++;
            }

            foreach (var (symbol, tick, book, received) in _latest.Quotes())
            {
                MakeRoom();
                _current.Quotes.Add(QuoteMapping.ToQuote(symbol, tick, book, received));
            }

            _latest.Clear();
            _latestSentAt = time.GetTimestamp();
        }

        if (_current.Bars.Count + _current.Quotes.Count + _current.Ticks.Count > 0)
        {
            Emit();
        }

        OpenedAt = null;
    }

    /// <summary>
    /// The frame through which every symbol's final bars of a period are out, once one bar ending at
    /// <paramref name="latestFinal"/> is (the engine's clock is past it). A symbol without a tick since
    /// closes by the clock, up to Grace after its bar's end, so a newer close does not mean an older one
    /// is whole: step back Grace, and a minute more for the clock's close to come round. A new lease
    /// holder starts after it; the relay's stored tail keeps what it resends of the margin from going
    /// out twice.
    /// </summary>
    private long CompleteThrough(long latestFinal) => latestFinal - (long)(grace + TimeSpan.FromMinutes(1)).TotalMilliseconds;

    private void MakeRoom()
    {
        if (_current.Bars.Count + _current.Quotes.Count + _current.Ticks.Count >= maxItems)
        {
            Emit();
        }
    }

    // Every batch of one close carries the same position: all final bars up to it are in this batch
    // or an earlier one, and latest values are rebuilt on a resume (see the class summary).
    private void Emit()
    {
        _current.ProducerId = producerId;
        _current.CreatedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        _current.CompleteThrough.AddRange(_completeThrough.Select(frame => frame.Clone()));
        _sealed.Enqueue(new SealedBatch(_current, new ResumePoint(_sourceHash, _step, _output), _finalBars, _formingBars));
        _current = new PublishRequest();
        _finalBars = 0;
        _formingBars = 0;
    }

    private bool Covered(int output) => skipThrough.SourceHash == _sourceHash && skipThrough.Covers(_step, output);

    private bool SkipOutput()
    {
        _output++;
        if (Covered(_output))
        {
            Skipped++;
            return true;
        }

        return false;
    }

    private void Added(bool latest)
    {
        if (latest && _coalesceAcrossBatches)
        {
            return;
        }

        OpenedAt ??= time.GetTimestamp();
        var pending = _coalesceAcrossBatches ? 0 : _latest.FormingCount + _latest.QuoteCount;
        if (_current.Bars.Count + _current.Ticks.Count + pending >= maxItems)
        {
            Close(includeLatest: !_coalesceAcrossBatches, stepDone: false);
        }
    }
}
