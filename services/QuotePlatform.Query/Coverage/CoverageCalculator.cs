using System.Globalization;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Query.Coverage;

/// <summary>
/// Compares the frames stored for one symbol with those its sessions call for, day by day. Frames
/// that have not ended yet (today, later) are not expected: coverage of a running day is of its
/// closed bars.
/// </summary>
internal static class CoverageCalculator
{
    /// <summary>Day number (days since 0001-01-01) of 1970-01-01, the origin of BeijingTime's day numbers.</summary>
    public static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static IEnumerable<DayCoverage> Days(
        string symbol, IReadOnlyCollection<long> days, BarPeriod period, AuctionBar layout, IReadOnlySet<long> present, long nowUnixMs)
    {
        foreach (var day in days)
        {
            var expected = ExpectedFrames.OfDay(day, period, layout).Where(frame => frame <= nowUnixMs).ToList();
            var coverage = new DayCoverage
            {
                Symbol = symbol,
                TradingDate = DateOnly.FromDayNumber(EpochDayNumber + (int)day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                BarsExpected = (uint)expected.Count,
            };
            Gap? gap = null;
            foreach (var frame in expected)
            {
                if (present.Contains(frame))
                {
                    coverage.BarsPresent++;
                    gap = null;
                }
                else if (gap is null)
                {
                    gap = new Gap { FirstFrameUnixMs = frame, LastFrameUnixMs = frame, Bars = 1 };
                    coverage.Gaps.Add(gap);
                }
                else
                {
                    gap.LastFrameUnixMs = frame;
                    gap.Bars++;
                }
            }

            var dayStart = BeijingTime.DayStartUnixMs(day);
            var presentThatDay = present.Count(frame => frame >= dayStart && frame < dayStart + BeijingTime.MillisecondsPerDay);
            coverage.BarsUnexpected = (uint)(presentThatDay - (int)coverage.BarsPresent);
            yield return coverage;
        }
    }
}
