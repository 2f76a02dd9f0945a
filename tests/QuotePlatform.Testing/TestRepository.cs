namespace QuotePlatform.Testing;

/// <summary>The checkout the running tests were built from.</summary>
public static class TestRepository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

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
