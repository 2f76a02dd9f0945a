using System.Globalization;
using QuotePlatform.Benchmarks.FullMarket.Measuring;
using QuotePlatform.Testing.FullMarket.Verification;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>The figures of a live run, printed with what each is measured from and to; the last line keeps its shape for scripts.</summary>
public sealed record LiveReport(
    LivePlan Plan,
    TimeSpan Elapsed,
    TimeSpan AllStored,
    VisibilityTracker Tracker,
    FinalStreamObserver Observer,
    QuoteProbe Probe,
    ServiceUsage Usage,
    RssSampler Sampler,
    IReadOnlyList<string> Errors,
    int StartupReadinessLines,
    Reconciliation Result)
{
    public static void Print(LiveReport r)
    {
        var ticks = r.Plan.Expected.Ticks;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            live result: window of {r.Elapsed.TotalMinutes:F1} min from the ingest's start to its last push, {ticks:N0} ticks ({ticks / r.Elapsed.TotalSeconds:N0}/s), market clock reached {BeijingTime.Format(r.Probe.LastQuoteTimeUnixMs)}; every bar stored (the end-of-file flush closes the rest of the day) {(r.AllStored - r.Elapsed).TotalSeconds:F0} s after the window; final streams carried {r.Observer.Bars:N0} bars in {r.Observer.Entries:N0} entries
            bar close to queryable, per (period, frame) the data closed during the run ({r.Plan.LiveFrames.Count}): from the ingest sealing the batch with its last final bar (created_ms stored with the stream entry) to a SELECT on ClickHouse counting all its bars, polled every 25 ms: {r.Tracker.Latency.Summary()}, never visible {r.Tracker.Pending} (goal p99 <= 500 ms)
            push to latest quote visible: from the ingest receiving a push (Quote.received_unix_ms) to its quote of {r.Probe.Symbol} (the push's last instrument) read back from the relay's latest-quote hash in Redis, polled every {QuoteProbe.PollInterval.TotalMilliseconds:F0} ms: {r.Probe.Latency.Summary()}, without received time {r.Probe.WithoutReceivedTime} (goal p99 <= 100 ms)
            CPU and peak RSS per service over the window:
            """));
        foreach (var line in r.Usage.Report(r.Elapsed))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"memory (RSS) after a {r.Plan.WarmUp.TotalMinutes:F0}-minute warm-up:");
        foreach (var line in r.Sampler.Growth(r.Plan.WarmUp))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"errors in the service logs: {r.Errors.Count} (not counted: {r.StartupReadinessLines} readiness checks answered 'not prepared yet' while a service started){(r.Errors.Count > 0 ? "\n  " + string.Join("\n  ", r.Errors.Take(10)) : "")}");
        Console.WriteLine($"reconciliation against the offline engine on the same pushes: {r.Result}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: {r.Elapsed.TotalMinutes:F1} min, close-to-queryable p99 {r.Tracker.Latency.Percentile(99):F0} ms, quote-visible p99 {r.Probe.Latency.Percentile(99):F0} ms, {r.Result.Stored} bars, missing {r.Result.Missing}, duplicates {r.Result.Duplicates}, errors {r.Errors.Count}"));
    }
}
