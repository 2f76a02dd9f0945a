namespace QuotePlatform.Testing;

/// <summary>The checkout the running tests were built from.</summary>
public static class TestRepository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests themselves were built in (Debug or Release).</summary>
    public static string BuildConfiguration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The folder of a deployable or library (services/) or of a development tool (tools/).</summary>
    public static string ProjectDirectoryOf(string project)
    {
        var folder = Directory.Exists(Path.Combine(Root, "services", project)) ? "services" : "tools";
        return Path.Combine(Root, folder, project);
    }

    /// <summary>Where the solution's build put a project's output, in the tests' configuration.</summary>
    public static string BuildOutputOf(string project) =>
        Path.Combine(ProjectDirectoryOf(project), "bin", BuildConfiguration, "net10.0");

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
