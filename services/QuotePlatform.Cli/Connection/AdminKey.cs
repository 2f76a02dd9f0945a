namespace QuotePlatform.Cli.Connection;

/// <summary>
/// The admin key for consumers, stop-consumer and stats: --admin-key-file, else QP_ADMIN_KEY_FILE,
/// else QP_ADMIN_KEY, else QP_ADMIN_KEY_FILE in .run/addresses.env. Never an argument of its own:
/// command lines end up in shell history and process lists.
/// </summary>
internal static class AdminKey
{
    public const string FileVariable = "QP_ADMIN_KEY_FILE";
    public const string KeyVariable = "QP_ADMIN_KEY";
    public const string Header = "x-admin-key";

    public static string Resolve(FileInfo? option, Func<string, string?> environment, Func<AddressesFile?> addresses)
    {
        if (option is not null)
        {
            return ReadFile(option.FullName, "--admin-key-file");
        }

        if (environment(FileVariable) is { Length: > 0 } file)
        {
            return ReadFile(file, FileVariable);
        }

        if (environment(KeyVariable) is { Length: > 0 } key)
        {
            return key.Trim();
        }

        if (addresses() is { } found && found[FileVariable] is { } fromFile)
        {
            return ReadFile(fromFile, $"{FileVariable} in {found.Path}");
        }

        throw new CliFailure(
            ExitCodes.NotAuthorized,
            $"no admin key: pass --admin-key-file FILE or set {FileVariable} (or {KeyVariable}); scripts/dev.sh up writes {FileVariable} to {AddressesFile.RelativePath}");
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
            throw new CliFailure(ExitCodes.BadInput, $"cannot read the admin key file {path} ({source}): {ex.Message}");
        }

        return key.Length > 0 ? key : throw new CliFailure(ExitCodes.BadInput, $"the admin key file {path} ({source}) is empty");
    }
}
