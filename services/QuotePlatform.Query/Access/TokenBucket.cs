namespace QuotePlatform.Query.Access;

/// <summary>
/// A rate with a burst of one second's worth. Spending may overdraw it: the debt is repaid at the
/// rate before the bucket counts as available again, so a large answer is paid for in full.
/// </summary>
internal sealed class TokenBucket(double perSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly double _capacity = Math.Max(perSecond, 1);
    private double _tokens = Math.Max(perSecond, 1);
    private long _refilledAt = time.GetTimestamp();

    public double PerSecond => perSecond;

    /// <summary>Takes one token; false when none is left.</summary>
    public bool TryTake()
    {
        lock (_lock)
        {
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Spends <paramref name="amount"/>, overdrawing if need be.</summary>
    public void Spend(double amount)
    {
        lock (_lock)
        {
            Refill();
            _tokens -= amount;
        }
    }

    /// <summary>How long until the bucket is out of debt (zero when it is not in debt).</summary>
    public TimeSpan Debt()
    {
        lock (_lock)
        {
            Refill();
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / perSecond);
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
        _refilledAt = now;
    }
}
