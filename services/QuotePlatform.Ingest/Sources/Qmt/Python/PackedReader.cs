using System.Runtime.InteropServices;
using System.Text;
using Python.Runtime;

namespace QuotePlatform.Ingest.Sources.Qmt.Python;

/// <summary>
/// Reads what quoteplatform_bridge packs: UTF-8 codes joined by '\n' in an array('B') and
/// <c>width</c> doubles per row in an array('d'), copied straight from the arrays' memory whatever the
/// number of instruments. Callbacks receive only the addresses and sizes (four ints): a Python object
/// passed into a .NET delegate crashed the process here once the GC finalized its wrapper.
/// Call with the GIL held while the arrays are alive.
/// </summary>
internal static class PackedReader
{
    /// <summary>A (codes, values, codes address, codes length, values address, values count) tuple.</summary>
    public static (string[] Codes, double[] Values) Read(PyObject packed, int width) =>
        Read(Int(packed, 2), Int(packed, 3), Int(packed, 4), Int(packed, 5), width);

    public static (string[] Codes, double[] Values) Read(long codesAddress, long codesLength, long valuesAddress, long valuesCount, int width)
    {
        if (codesLength == 0)
        {
            return ([], []); // an empty array has no memory (address 0)
        }

        var codeBytes = new byte[checked((int)codesLength)];
        Marshal.Copy((nint)codesAddress, codeBytes, 0, codeBytes.Length);
        var text = Encoding.UTF8.GetString(codeBytes);
        var codes = text.Length == 0 ? [] : text.Split('\n');
        var values = new double[checked((int)valuesCount)];
        if (values.Length != codes.Length * width)
        {
            throw new InvalidOperationException($"bridge packed {values.Length} values for {codes.Length} rows of {width}");
        }

        Marshal.Copy((nint)valuesAddress, values, 0, values.Length);
        return (codes, values);
    }

    private static long Int(PyObject packed, int index)
    {
        using var item = packed[index];
        return item.As<long>();
    }
}
