using System.Diagnostics;

namespace QuotePlatform.Query.Tests.LiveSupport;

/// <summary>Waits on a condition with a generous limit instead of sleeping a fixed time (the suite runs on busy cores).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"not true within {limit}: {what}");
            }

            await Task.Delay(50);
        }
    }
}
