using System.Text;

namespace QuotePlatform.Storage.Bars;

/// <summary>A buffered reader of a binary ClickHouse answer: ensure bytes are at hand, then take them.</summary>
internal sealed class NativeInput(Stream stream)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;

    /// <summary>True once <paramref name="count"/> bytes are buffered; false when the answer ends first.</summary>
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

    /// <summary>An unsigned LEB128 number, as Native writes counts and lengths.</summary>
    public async ValueTask<ulong> ReadVarintAsync(CancellationToken cancellationToken)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!await EnsureAsync(1, cancellationToken))
            {
                throw new InvalidDataException("the answer broke off inside a number");
            }

            var b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("the answer holds a number longer than 64 bits");
    }

    public async ValueTask<string> ReadStringAsync(CancellationToken cancellationToken)
    {
        var length = (int)await ReadVarintAsync(cancellationToken);
        if (!await EnsureAsync(length, cancellationToken))
        {
            throw new InvalidDataException("the answer broke off inside a string");
        }

        return Encoding.UTF8.GetString(Take(length));
    }
}
