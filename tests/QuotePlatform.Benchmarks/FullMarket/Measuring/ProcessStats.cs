using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>
/// CPU time and memory of a Linux process from /proc: utime + stime (clock ticks of 10 ms), current
/// resident set (VmRSS) and its high-water mark (VmHWM). Null when the process is gone or not ours to read.
/// </summary>
public readonly record struct ProcessStats(TimeSpan Cpu, long RssBytes, long PeakRssBytes)
{
    private const double TicksPerSecond = 100;

    public static ProcessStats? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpuTicks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
            }

            return new ProcessStats(TimeSpan.FromSeconds(cpuTicks / TicksPerSecond), rss, hwm);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
