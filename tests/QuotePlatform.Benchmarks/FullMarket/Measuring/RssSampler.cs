using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>
/// Resident memory of each service sampled at a fixed interval, and its growth after warm-up: the
/// median of the samples in the first minute after warm-up against the median of the last minute.
/// </summary>
public sealed class RssSampler(IReadOnlyList<(string Name, int? Pid)> processes, TimeSpan interval, TimeProvider time)
{
    private readonly List<(TimeSpan At, long?[] Rss)> _samples = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var rss = processes.Select(p => p.Pid is { } pid ? ProcessStats.Read(pid)?.RssBytes : null).ToArray();
                lock (_samples)
                {
                    _samples.Add((time.GetElapsedTime(start), rss));
                }

                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public string Latest()
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return "";
            }

            var (_, rss) = _samples[^1];
            return string.Join(", ", processes.Select((p, i) => $"{p.Name} {Mib(rss[i])}"));
        }
    }

    public IEnumerable<string> Growth(TimeSpan warmUp)
    {
        List<(TimeSpan At, long?[] Rss)> samples;
        lock (_samples)
        {
            samples = [.. _samples];
        }

        var end = samples.Count > 0 ? samples[^1].At : TimeSpan.Zero;
        for (var i = 0; i < processes.Count; i++)
        {
            var index = i;
            var warm = Median(samples.Where(s => s.At >= warmUp && s.At < warmUp + TimeSpan.FromMinutes(1)).Select(s => s.Rss[index]));
            var last = Median(samples.Where(s => s.At >= end - TimeSpan.FromMinutes(1)).Select(s => s.Rss[index]));
            var peak = samples.Select(s => s.Rss[index]).Max();
            var growth = warm is > 0 && last is not null ? ((double)last.Value / warm.Value) - 1 : double.NaN;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {processes[i].Name,-16} after warm-up {Mib(warm)}, last minute {Mib(last)}, growth {growth * 100,6:F1}% (goal <= 10%), peak {Mib(peak)}, {samples.Count} samples");
        }
    }

    private static long? Median(IEnumerable<long?> values)
    {
        var sorted = values.OfType<long>().Order().ToArray();
        return sorted.Length == 0 ? null : sorted[sorted.Length / 2];
    }

    private static string Mib(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F0} MiB") : "n/a";
}
