using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Query.Api;
using QuotePlatform.Query.Bars;
using QuotePlatform.Streams;

namespace QuotePlatform.Query.Live;

/// <summary>Turns a WatchSymbol request into a <see cref="WatchPlan"/>, or INVALID_ARGUMENT naming the field and the fix.</summary>
public sealed class WatchRequestValidator(ShardRouter router, IOptions<LiveOptions> options, TimeProvider time)
{
    /// <summary>Labels the logs of a watch, which has no consumer group.</summary>
    public const string LogGroup = "(watch)";

    public WatchPlan Validate(WatchSymbolRequest request, string peer)
    {
        RequestErrors.CheckSymbols("symbols", request.Symbols, options.Value.MaxWatchSymbols);
        var period = (BarPeriod)request.Period;
        if (!BarPeriods.All.Contains(period))
        {
            throw RequestErrors.Invalid($"period: give one of PERIOD_1M, PERIOD_5M, PERIOD_15M, PERIOD_30M, PERIOD_60M, PERIOD_1D (got {request.Period})");
        }

        var after = request.AfterFrameUnixMs;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var maxSpan = (long)BarRange.MaxSpan(period).TotalMilliseconds;
        if (after < 0 || (after > 0 && now - after > maxSpan))
        {
            throw RequestErrors.Invalid(
                $"after_frame_unix_ms {after} is not within the last {maxSpan / 86_400_000} days allowed for {period.ToLabel()} bars; give 0 for no catch-up, or read older bars with GetBars");
        }

        HashSet<string> symbols = [.. request.Symbols];
        var plan = new LivePlan(
            LogGroup,
            peer,
            SubscriptionMode.Broadcast,
            [.. symbols.Select(router.ShardOf).Distinct().Order()],
            symbols,
            new HashSet<Period> { request.Period },
            StartId: "$",
            IncludeForming: true,
            IncludeQuotes: true,
            MaxUnacked: 1);
        return new WatchPlan(plan, period, after);
    }
}
