using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Symbols;
using QuotePlatform.Streams;

namespace QuotePlatform.Query.Live;

/// <summary>Turns the first request into a <see cref="LivePlan"/>, or INVALID_ARGUMENT naming the field and the fix.</summary>
public sealed partial class SubscriptionValidator(ShardRouter router, IOptions<LiveOptions> options)
{
    private const int MaxUnackedLimit = 100_000;

    public LivePlan Validate(Subscription request)
    {
        if (request.Mode is not (SubscriptionMode.Broadcast or SubscriptionMode.Shard or SubscriptionMode.Hybrid))
        {
            throw Invalid("subscribe.mode must be SUBSCRIPTION_MODE_BROADCAST, SUBSCRIPTION_MODE_SHARD or SUBSCRIPTION_MODE_HYBRID");
        }

        var consumer = Name(request.Consumer, "subscribe.consumer", "reconnect with the same name to resume");
        var group = request.Mode == SubscriptionMode.Broadcast && request.Group.Length == 0
            ? consumer
            : Name(request.Group, "subscribe.group", "clients giving the same group share its entries");

        var limit = options.Value.MaxSymbols;
        if (request.Symbols.Count > limit)
        {
            throw Invalid($"subscribe.symbols has {request.Symbols.Count} symbols, at most {limit} are allowed; leave it empty for the whole market");
        }

        foreach (var symbol in request.Symbols)
        {
            if (SymbolCode.Explain(symbol) is { } why)
            {
                throw Invalid($"subscribe.symbols: \"{symbol}\" is not a symbol ({why}); use codes like \"600000.SH\" or \"000001.SZ\"");
            }
        }

        foreach (var period in request.Periods)
        {
            if (period == Period.Unspecified || !Enum.IsDefined(period))
            {
                throw Invalid($"subscribe.periods: {period} is not a period; use PERIOD_1M, PERIOD_5M, PERIOD_15M, PERIOD_30M, PERIOD_60M or PERIOD_1D, or none for all");
            }
        }

        if (request.MaxUnacked > MaxUnackedLimit)
        {
            throw Invalid($"subscribe.max_unacked is {request.MaxUnacked}, at most {MaxUnackedLimit}; 0 takes the default of {options.Value.DefaultMaxUnacked}");
        }

        HashSet<string>? symbols = request.Symbols.Count == 0 ? null : [.. request.Symbols];
        IReadOnlyList<int> shards = symbols is null
            ? [.. Enumerable.Range(0, router.ShardCount)]
            : [.. symbols.Select(router.ShardOf).Distinct().Order()];
        return new LivePlan(
            LiveGroupNames.ToRedis(group),
            consumer,
            request.Mode,
            shards,
            symbols,
            request.Periods.Count == 0 ? null : new HashSet<Period>(request.Periods),
            StartId(request.StartId),
            request.IncludeForming,
            request.IncludeQuotes,
            request.MaxUnacked == 0 ? options.Value.DefaultMaxUnacked : (int)request.MaxUnacked)
        {
            IncludeTicks = request.IncludeTicks,
        };
    }

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static string Name(string value, string field, string hint)
    {
        if (value.Length == 0)
        {
            throw Invalid($"{field} is required ({hint})");
        }

        if (!NamePattern().IsMatch(value))
        {
            throw Invalid($"{field} \"{value}\" is not allowed: use 1 to 64 letters, digits, '_', '-' or '.'");
        }

        return value;
    }

    private static string StartId(string value) => value switch
    {
        "" or "$" => "$",
        "0" => "0",
        _ when EntryIdPattern().IsMatch(value) => value.Contains('-', StringComparison.Ordinal) ? value : value + "-0",
        _ => throw Invalid($"subscribe.start_id \"{value}\" is not a start: use \"\" or \"$\" (from now), \"0\" (oldest kept) or an entry id \"<ms>-<seq>\""),
    };

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9]{1,19}(-[0-9]{1,19})?$")]
    public static partial Regex EntryIdPattern();
}
