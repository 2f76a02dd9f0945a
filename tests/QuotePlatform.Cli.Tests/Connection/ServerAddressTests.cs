using QuotePlatform.Cli.Connection;

namespace QuotePlatform.Cli.Tests.Connection;

public sealed class ServerAddressTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("quote-addresses-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Resolve_OptionGiven_WinsOverEnvironmentAndFile()
    {
        var endpoint = ServerAddress.Resolve("http://10.0.0.1:5090", Environment("http://10.0.0.2:5090"), () => File("http://10.0.0.3:5090"));

        Assert.Equal(new Uri("http://10.0.0.1:5090"), endpoint.Address);
        Assert.Equal("--server", endpoint.Source);
    }

    [Fact]
    public void Resolve_NoOption_EnvironmentWinsOverFile()
    {
        var endpoint = ServerAddress.Resolve(null, Environment("http://10.0.0.2:5090"), () => File("http://10.0.0.3:5090"));

        Assert.Equal(new Uri("http://10.0.0.2:5090"), endpoint.Address);
        Assert.Equal(ServerAddress.Variable, endpoint.Source);
    }

    [Fact]
    public void Resolve_OnlyTheAddressesFile_ReadFromIt()
    {
        var file = File("http://10.0.0.3:5090");

        var endpoint = ServerAddress.Resolve(null, Environment(null), () => file);

        Assert.Equal(new Uri("http://10.0.0.3:5090"), endpoint.Address);
        Assert.Equal(file.Path, endpoint.Source);
    }

    [Fact]
    public void Resolve_NothingConfigured_Exit3SayingWhereToSetIt()
    {
        var failure = Assert.Throws<CliFailure>(() => ServerAddress.Resolve(null, Environment(null), () => null));

        Assert.Equal(ExitCodes.Unreachable, failure.ExitCode);
        Assert.Contains("pass --server http://HOST:PORT, set QP_QUERY_URL, or start the services with scripts/dev.sh up", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MalformedEnvironmentValue_Exit1NamingTheVariable()
    {
        var failure = Assert.Throws<CliFailure>(() => ServerAddress.Resolve(null, Environment("127.0.0.1:5090"), () => null));

        Assert.Equal(ExitCodes.BadInput, failure.ExitCode);
        Assert.StartsWith("QP_QUERY_URL: '127.0.0.1:5090' is not an http:// or https:// address", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_FromADirectoryInsideTheCheckout_FindsRunAddressesAbove()
    {
        File("http://10.0.0.4:5090");
        var nested = Directory.CreateDirectory(Path.Combine(_root, "services", "x", "bin")).FullName;

        var found = AddressesFile.Find([nested]);

        Assert.NotNull(found);
        Assert.Equal("http://10.0.0.4:5090", found[ServerAddress.Variable]);
        Assert.Equal("127.0.0.1:6379", found["QP_REDIS"]);
        Assert.Null(found["QP_ABSENT"]);
    }

    private AddressesFile File(string queryUrl)
    {
        var run = Directory.CreateDirectory(Path.Combine(_root, ".run")).FullName;
        var path = Path.Combine(run, "addresses.env");
        System.IO.File.WriteAllLines(path, ["# written by scripts/dev.sh up", "QP_REDIS=127.0.0.1:6379", $"export QP_QUERY_URL=\"{queryUrl}\""]);
        return AddressesFile.Read(path);
    }

    private static Func<string, string?> Environment(string? queryUrl) => name => name == ServerAddress.Variable ? queryUrl : null;
}
