using System.Diagnostics;

namespace QuotePlatform.Ingest.Tests.Support;

/// <summary>Waits on a condition with a generous timeout (the suite runs on two busy cores), never a fixed sleep.</summary>
internal static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> explain)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not reached within {timeout}: {explain()}");
            }

            await Task.Delay(50);
        }
    }
}
