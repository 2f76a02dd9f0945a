namespace QuotePlatform.Cli.Connection;

/// <summary>Where the query service is: --server, else QP_QUERY_URL, else .run/addresses.env.</summary>
internal static class ServerAddress
{
    public const string Variable = "QP_QUERY_URL";

    public static Endpoint Resolve(string? option, Func<string, string?> environment, Func<AddressesFile?> addresses)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return new Endpoint(Parse(option, "--server"), "--server");
        }

        if (environment(Variable) is { Length: > 0 } fromEnvironment)
        {
            return new Endpoint(Parse(fromEnvironment, Variable), Variable);
        }

        if (addresses() is { } file && file[Variable] is { } fromFile)
        {
            return new Endpoint(Parse(fromFile, $"{Variable} in {file.Path}"), file.Path);
        }

        throw new CliFailure(
            ExitCodes.Unreachable,
            $"no query service address: pass --server http://HOST:PORT, set {Variable}, or start the services with scripts/dev.sh up (it writes {AddressesFile.RelativePath})");
    }

    public static Uri Parse(string text, string source) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliFailure(ExitCodes.BadInput, $"{source}: '{text}' is not an http:// or https:// address, e.g. http://127.0.0.1:5090");
}
