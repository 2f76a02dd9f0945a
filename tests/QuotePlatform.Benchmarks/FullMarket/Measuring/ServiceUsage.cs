using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>CPU used and peak memory of the services over a measured span: a start reading and an end reading per process.</summary>
public sealed class ServiceUsage
{
    private readonly List<(string Name, int? Pid, ProcessStats? Start)> _processes = [];

    public void Track(string name, int? pid) => _processes.Add((name, pid, pid is { } p ? ProcessStats.Read(p) : null));

    /// <summary>One line per service: CPU seconds (and cores busy on average) over the span, peak RSS.</summary>
    public IEnumerable<string> Report(TimeSpan span)
    {
        foreach (var (name, pid, start) in _processes)
        {
            if (pid is null || start is null || ProcessStats.Read(pid.Value) is not { } end)
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
