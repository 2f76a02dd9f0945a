using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Benchmarks.Synthesis;

/// <summary>Counts what the engine emits, so the work is not optimized away and cost stays in the engine.</summary>
public sealed class CountingSink : IBarSink
{
    public long Forming { get; private set; }

    public long Final { get; private set; }

    public void OnBar(in Bar bar)
    {
        if (bar.Final)
        {
            Final++;
        }
        else
        {
            Forming++;
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }
}
