namespace QuotePlatform.Cli.Connection;

/// <summary>
/// The read key, when the query service asks for one (Query:ReadApiKeys): QP_READ_KEY_FILE, else
/// QP_READ_KEY, else QP_READ_KEY_FILE in .run/addresses.env; none leaves calls without a key. Never
/// an argument: command lines end up in shell history and process lists.
/// </summary>
internal static class ReadKey
{
    public const string FileVariable = "QP_READ_KEY_FILE";
    public const string KeyVariable = "QP_READ_KEY";
    public const string Header = "x-api-key";

    public static string? Find(Func<string, string?> environment, Func<AddressesFile?> addresses)
    {
        if (environment(FileVariable) is { Length: > 0 } file)
        {
            return ReadFile(file, FileVariable);
        }

        if (environment(KeyVariable) is { Length: > 0 } key)
        {
            return key.Trim();
        }

        return addresses() is { } found && found[FileVariable] is { } fromFile ? ReadFile(fromFile, $"{FileVariable} in {found.Path}") : null;
    }

    private static string ReadFile(string path, string source)
    {
        string key;
        try
        {
            key = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"cannot read the read key file {path} ({source}): {ex.Message}");
        }

        return key.Length > 0 ? key : throw new CliFailure(ExitCodes.BadInput, $"the read key file {path} ({source}) is empty");
    }
}
