using System.Runtime.InteropServices;
using System.Text;

namespace QuotePlatform.ClickHouseLocal.Native;

/// <summary>Strings as the C API takes them: an array of UTF-8 pointers and one of byte lengths.</summary>
internal sealed unsafe class NativeUtf8Array : IDisposable
{
    private readonly byte** _pointers;
    private readonly nuint* _lengths;
    private readonly int _count;

    public NativeUtf8Array(IReadOnlyList<string> values)
    {
        _count = values.Count;
        _pointers = (byte**)NativeMemory.AllocZeroed((nuint)Math.Max(_count, 1), (nuint)sizeof(byte*));
        _lengths = (nuint*)NativeMemory.AllocZeroed((nuint)Math.Max(_count, 1), (nuint)sizeof(nuint));
        for (var i = 0; i < _count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(values[i]);
            _pointers[i] = (byte*)NativeMemory.Alloc((nuint)Math.Max(bytes.Length, 1));
            bytes.CopyTo(new Span<byte>(_pointers[i], bytes.Length));
            _lengths[i] = (nuint)bytes.Length;
        }
    }

    public byte** Pointers => _pointers;

    public nuint* Lengths => _lengths;

    public void Dispose()
    {
        for (var i = 0; i < _count; i++)
        {
            NativeMemory.Free(_pointers[i]);
        }

        NativeMemory.Free(_pointers);
        NativeMemory.Free(_lengths);
    }
}
