namespace QuotePlatform.Domain.Bars;

/// <summary>Receives bars as the engine produces them, on the engine's thread.</summary>
public interface IBarSink
{
    /// <summary>A forming update (<see cref="Bar.Final"/> false) or a closed bar (true).</summary>
    void OnBar(in Bar bar);

    /// <summary>
    /// Every 1m bar of the trading day starting at <paramref name="dayStartUnixMs"/> has been emitted:
    /// windows still open (a symbol suspended before a window's end) can be closed now.
    /// </summary>
    void OnDayClosed(long dayStartUnixMs);
}
