namespace QuotePlatform.Storage.Bars;

/// <summary>A buffered reader of a RowBinary answer: ensure a row's bytes are at hand, then take them.</summary>
internal sealed class RowBinaryInput(Stream stream)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;

    /// <summary>
    /// True once <paramref name="count"/> bytes are buffered; false when the answer ends first (with
    /// nothing or a part of a row left: the caller tells which by asking for one byte at a row's start).
    /// </summary>
    public async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (count > _buffer.Length)
            {
                Array.Resize(ref _buffer, count);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    /// <summary>The next <paramref name="count"/> bytes, which <see cref="EnsureAsync"/> made sure of.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        var taken = _buffer.AsSpan(_start, count);
        _start += count;
        return taken;
    }
}
