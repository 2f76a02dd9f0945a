using System.Diagnostics;
using System.Globalization;

namespace QuotePlatform.Testing;

/// <summary>
/// Kills the servers and services a test process started if it ends without stopping them: the test
/// host can be killed once a run ends, and then no dispose and no ProcessExit handler runs. One small
/// shell per test process waits for that process to end, then kills every child still listed whose
/// command line still names what was started (so a reused process id is left alone).
/// </summary>
public static class OrphanGuard
{
    private const string WatchScript = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do sleep 1; done
        while read -r pid name; do
          grep -qa -- "$name" "/proc/$pid/cmdline" && kill -9 "$pid"
        done < "$2"
        rm -f "$2"
        """;

    private static readonly Lock s_gate = new();
    private static readonly Lazy<string> s_list = new(StartWatcher);

    /// <param name="name">A word of the child's command line, e.g. "redis-server".</param>
    public static void Watch(Process child, string name)
    {
        lock (s_gate)
        {
            File.AppendAllText(s_list.Value, string.Create(CultureInfo.InvariantCulture, $"{child.Id} {name}\n"));
        }
    }

    private static string StartWatcher()
    {
        var list = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"qp-test-children-{Environment.ProcessId}"));
        File.WriteAllText(list, "");
        var start = new ProcessStartInfo("sh") { ArgumentList = { "-c", WatchScript, "sh", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), list } };
        using (Process.Start(start) ?? throw new InvalidOperationException("the orphan guard did not start"))
        {
        }

        return list;
    }
}
