using Python.Runtime;

namespace QuotePlatform.Ingest.Tests.Qmt;

/// <summary>The simulated xtdata's control functions (sim_configure, sim_status), called as a test would from Python.</summary>
internal static class Simulator
{
    /// <summary>Instruments the simulated terminal lists beside its stocks, whatever their number: 8 indices, 9 ETFs, 7 convertible bonds.</summary>
    public const int IndicesEtfsAndBonds = 24;

    /// <summary>Starts a fresh simulated day; settings as in _sim/settings.py (symbols, speed, start, refuse, ...).</summary>
    public static void Configure(params (string Name, object Value)[] settings)
    {
        using (Py.GIL())
        {
            using var module = Py.Import("xtquant.xtdata");
            using var kwargs = new PyDict();
            foreach (var (name, value) in settings)
            {
                kwargs[name] = value.ToPython();
            }

            module.InvokeMethod("sim_configure", Array.Empty<PyObject>(), kwargs).Dispose();
        }
    }

    /// <summary>
    /// get_market_data_ex 1m of one stock on one day (yyyy-MM-dd), as {label ms: (o, h, l, c, volume lots)}. The day
    /// matters: with no start_time the simulator, like QMT, returns every day it has (months of history).
    /// </summary>
    public static Dictionary<long, (double Open, double High, double Low, double Close, long Volume)> MinuteBars(string code, string day)
    {
        using (Py.GIL())
        {
            using var module = Py.Import("xtquant.xtdata");
            using var codes = new PyList([new PyString(code)]);
            using var kwargs = new PyDict();
            var date = day.Replace("-", "", StringComparison.Ordinal);
            kwargs["stock_list"] = codes;
            kwargs["period"] = new PyString("1m");
            kwargs["start_time"] = new PyString(date);
            kwargs["end_time"] = new PyString(date);
            using var frames = module.InvokeMethod("get_market_data_ex", Array.Empty<PyObject>(), kwargs);
            using var frame = frames[code];
            using var columns = frame.InvokeMethod("to_dict", new PyString("list"));
            var times = columns["time"].As<long[]>();
            var open = columns["open"].As<double[]>();
            var high = columns["high"].As<double[]>();
            var low = columns["low"].As<double[]>();
            var close = columns["close"].As<double[]>();
            var volume = columns["volume"].As<long[]>();
            return times.Select((time, i) => (time, i)).ToDictionary(x => x.time, x => (open[x.i], high[x.i], low[x.i], close[x.i], volume[x.i]));
        }
    }
}
