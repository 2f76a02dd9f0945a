namespace QuotePlatform.Testing;

/// <summary>Waits on a condition instead of a fixed time.</summary>
public static class Poll
{
    /// <summary>Checks every 100 ms until the condition holds; a TimeoutException naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) => UntilAsync(() => Task.FromResult(condition()), timeout, what);
}
