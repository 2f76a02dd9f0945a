using System.Buffers;
using System.Runtime.InteropServices;
using Python.Runtime;

namespace QuotePlatform.Ingest.Sources.Qmt.Python;

/// <summary>
/// Reads what quoteplatform_bridge packs, (codes joined by '\n', array('d')), in two boundary
/// crossings whatever the number of instruments. Call with the GIL held.
/// </summary>
internal static class PackedReader
{
    public static (string[] Codes, double[] Values) Read(PyObject packed, int width)
    {
        using var joined = packed[0];
        using var array = packed[1];
        var text = joined.As<string>();
        var codes = text.Length == 0 ? [] : text.Split('\n');
        var values = new double[codes.Length * width];
        if (values.Length == 0)
        {
            return (codes, values);
        }

        if (array.Length() != values.Length)
        {
            throw new InvalidOperationException($"bridge packed {array.Length()} values for {codes.Length} rows of {width}");
        }

        using var buffer = array.GetBuffer();
        var byteCount = values.Length * sizeof(double);

        var bytes = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            buffer.Read(bytes, 0, byteCount, 0);
            MemoryMarshal.Cast<byte, double>(bytes.AsSpan(0, byteCount)).CopyTo(values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return (codes, values);
    }
}
