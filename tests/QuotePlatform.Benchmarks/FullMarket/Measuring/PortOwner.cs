using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>
/// The process listening on a loopback TCP port (Redis and the ClickHouse endpoint are started by
/// scripts/dev.sh, so the harness knows only their addresses): the socket's inode from
/// /proc/net/tcp, then the process holding it among /proc/*/fd.
/// </summary>
public static class PortOwner
{
    public static int? Find(int port)
    {
        var inode = ListeningInode(port);
        if (inode is null)
        {
            return null;
        }

        var target = $"socket:[{inode}]";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget == target)
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to look into.
            }
        }

        return null;
    }

    public static int? Find(Uri address) => Find(address.Port);

    /// <summary>"127.0.0.1:6379" (a StackExchange.Redis configuration's first endpoint).</summary>
    public static int? Find(string hostPort) =>
        int.TryParse(hostPort.Split(',')[0].Split(':').Last(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? Find(port) : null;

    private static string? ListeningInode(int port)
    {
        const string listen = "0A";
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && fields[3] == listen)
                {
                    return fields[9];
                }
            }
        }

        return null;
    }
}
