namespace QuotePlatform.Cli.Connection;

/// <summary>
/// ClickHouse for the commands that work on storage directly (migrate, backfill): --clickhouse,
/// else ConnectionStrings__clickhouse (as the services read it), else QP_CLICKHOUSE_URL, else
/// .run/addresses.env.
/// </summary>
internal static class ClickHouseAddress
{
    public const string ServiceVariable = "ConnectionStrings__clickhouse";
    public const string Variable = "QP_CLICKHOUSE_URL";

    public static (string Connection, string Source) Resolve(string? option, Func<string, string?> environment, Func<AddressesFile?> addresses)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return (option, "--clickhouse");
        }

        foreach (var variable in new[] { ServiceVariable, Variable })
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                return (value, variable);
            }
        }

        if (addresses() is { } file && file[Variable] is { } fromFile)
        {
            return (fromFile, $"{Variable} in {file.Path}");
        }

        throw new CliFailure(
            ExitCodes.BadInput,
            $"no ClickHouse address: pass --clickhouse http://HOST:8123/DATABASE, set {Variable}, or start the services with scripts/dev.sh up");
    }
}
