using QuotePlatform.Cli.Connection;

namespace QuotePlatform.Cli.Tests.Connection;

public sealed class ReadKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quote-read-key-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Find_FileVariableThenKeyVariable_TrimmedKey()
    {
        var file = Path.Combine(_directory, "key");
        File.WriteAllText(file, "from-file\n");

        Assert.Equal("from-file", ReadKey.Find(Variables(file, "from-variable"), () => null));
        Assert.Equal("from-variable", ReadKey.Find(Variables(null, " from-variable "), () => null));
    }

    [Fact]
    public void Find_Nothing_NoKey()
    {
        Assert.Null(ReadKey.Find(Variables(null, null), () => null));
    }

    [Fact]
    public void Find_EmptyFile_Exit1NamingTheFile()
    {
        var empty = Path.Combine(_directory, "empty");
        File.WriteAllText(empty, " \n");

        var failure = Assert.Throws<CliFailure>(() => ReadKey.Find(Variables(empty, null), () => null));

        Assert.Equal(ExitCodes.BadInput, failure.ExitCode);
        Assert.Contains(empty, failure.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Variables(string? file, string? key) => name => name switch
    {
        ReadKey.FileVariable => file,
        ReadKey.KeyVariable => key,
        _ => null,
    };
}
