using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>CPU used and peak memory of the services over a measured span: a start reading and an end reading per process.</summary>
public sealed class ServiceUsage
{
    private readonly List<(string Name, int? Pid, ProcessStats? Start)> _processes = [];
    private List<ProcessStats?>? _end;

    public void Track(string name, int? pid) => _processes.Add((name, pid, pid is { } p ? ProcessStats.Read(p) : null));

    /// <summary>Ends the measured span (later work, such as the reconciliation's reads, is not counted).</summary>
    public void Stop() => _end = [.. _processes.Select(p => p.Pid is { } pid ? ProcessStats.Read(pid) : null)];

    /// <summary>One line per service: CPU seconds (and cores busy on average) over the span, peak RSS.</summary>
    public IEnumerable<string> Report(TimeSpan span)
    {
        for (var i = 0; i < _processes.Count; i++)
        {
            var (name, pid, start) = _processes[i];
            if (pid is null || start is null || (_end is null ? ProcessStats.Read(pid.Value) : _end[i]) is not { } end)
            {
                yield return $"  {name,-16} n/a (process not found or not readable)";
                continue;
            }

            var cpu = end.Cpu - start.Value.Cpu;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {name,-16} pid {pid,-7} CPU {cpu.TotalSeconds,6:F1} s ({cpu / span:F2} cores)  peak RSS {end.PeakRssBytes / 1048576.0,7:F0} MiB  RSS now {end.RssBytes / 1048576.0,7:F0} MiB");
        }
    }
}
