using QuotePlatform.Cli.Connection;

namespace QuotePlatform.Cli.Tests.Connection;

public sealed class AdminKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quote-admin-key-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Resolve_KeyFileOption_TrimmedContentWinsOverEnvironment()
    {
        var key = AdminKey.Resolve(new FileInfo(KeyFile("from-option\n")), Variables(file: KeyFile("from-variable-file"), key: "from-variable"), () => null);

        Assert.Equal("from-option", key);
    }

    [Fact]
    public void Resolve_NoOption_FileVariableThenKeyVariable()
    {
        Assert.Equal("from-variable-file", AdminKey.Resolve(null, Variables(file: KeyFile("from-variable-file"), key: "from-variable"), () => null));
        Assert.Equal("from-variable", AdminKey.Resolve(null, Variables(file: null, key: "from-variable"), () => null));
    }

    [Fact]
    public void Resolve_Nothing_Exit4SayingHowToGiveIt()
    {
        var failure = Assert.Throws<CliFailure>(() => AdminKey.Resolve(null, Variables(null, null), () => null));

        Assert.Equal(ExitCodes.NotAuthorized, failure.ExitCode);
        Assert.Contains("pass --admin-key-file FILE or set QP_ADMIN_KEY_FILE", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingOrEmptyFile_Exit1NamingTheFile()
    {
        var absent = Path.Combine(_directory, "absent");
        var empty = KeyFile("  \n");

        var missing = Assert.Throws<CliFailure>(() => AdminKey.Resolve(new FileInfo(absent), Variables(null, null), () => null));
        var blank = Assert.Throws<CliFailure>(() => AdminKey.Resolve(new FileInfo(empty), Variables(null, null), () => null));

        Assert.Equal((ExitCodes.BadInput, ExitCodes.BadInput), (missing.ExitCode, blank.ExitCode));
        Assert.Contains($"cannot read the admin key file {absent}", missing.Message, StringComparison.Ordinal);
        Assert.Contains($"the admin key file {empty} (--admin-key-file) is empty", blank.Message, StringComparison.Ordinal);
    }

    private string KeyFile(string content)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }

    private static Func<string, string?> Variables(string? file, string? key) => name => name switch
    {
        AdminKey.FileVariable => file,
        AdminKey.KeyVariable => key,
        _ => null,
    };
}
