namespace QuotePlatform.TickSources;

/// <summary>
/// Splits a UTF-8 stream into lines without decoding them, reusing one buffer, so a day of
/// full-market snapshots streams through in constant memory (the buffer grows only to the longest line).
/// </summary>
public sealed class JsonLineReader(Stream stream)
{
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>The next line without its line break; the span is valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                return true;
            }

            if (_endOfStream)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                var hadRest = _end > _start;
                _start = _end;
                return hadRest;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _endOfStream = read == 0;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
