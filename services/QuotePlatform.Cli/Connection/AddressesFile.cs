namespace QuotePlatform.Cli.Connection;

/// <summary>
/// `.run/addresses.env`, which `scripts/dev.sh up` writes (KEY=VALUE lines). Looked for above the
/// working directory, then above the `quote` binary (which lives inside the repository when built
/// there), so `quote latest` works from anywhere in a checkout with the services up.
/// </summary>
internal sealed class AddressesFile
{
    public const string RelativePath = ".run/addresses.env";

    private readonly Dictionary<string, string> _values;

    private AddressesFile(string path, Dictionary<string, string> values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public string? this[string key] => _values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public static AddressesFile? Find(IEnumerable<string> startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = System.IO.Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return Read(candidate);
                }
            }
        }

        return null;
    }

    /// <summary>The working directory first, then the binary's own folder.</summary>
    public static AddressesFile? FindDefault() => Find([Environment.CurrentDirectory, AppContext.BaseDirectory]);

    public static AddressesFile Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            values[line[..equals].Trim()] = line[(equals + 1)..].Trim().Trim('"', '\'');
        }

        return new AddressesFile(path, values);
    }
}
