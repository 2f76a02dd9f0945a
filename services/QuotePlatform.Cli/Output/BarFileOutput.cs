using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Output;

/// <summary>
/// JSON Lines appended to a file (a restarted consumer continues it). Each batch is flushed before
/// <see cref="WriteAsync"/> returns, because the caller acknowledges the bars right after.
/// </summary>
internal sealed class BarFileOutput : IBarOutput, IDisposable
{
    private readonly FileStream _file;
    private readonly BarJsonWriter _writer;

    public BarFileOutput(string path)
    {
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new BarJsonWriter(_file);
    }

    public Task WriteAsync(IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
    {
        foreach (var bar in bars)
        {
            _writer.Write(bar);
        }

        _writer.Flush();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}
