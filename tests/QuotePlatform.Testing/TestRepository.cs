namespace QuotePlatform.Testing;

/// <summary>The checkout the running tests were built from.</summary>
public static class TestRepository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests themselves were built in (Debug or Release).</summary>
    public static string BuildConfiguration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>
    /// Where the solution's build put the output of a deployable (services/) or a development tool
    /// (tools/), in the tests' configuration.
    /// </summary>
    public static string BuildOutputOf(string project)
    {
        var folder = Directory.Exists(Path.Combine(Root, "services", project)) ? "services" : "tools";
        return Path.Combine(Root, folder, project, "bin", BuildConfiguration, "net10.0");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "quote-platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"quote-platform.sln not found above {AppContext.BaseDirectory}");
    }
}
