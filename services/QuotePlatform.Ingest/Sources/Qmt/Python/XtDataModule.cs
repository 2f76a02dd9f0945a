using System.Globalization;
using Microsoft.Extensions.Logging;
using Python.Runtime;
using QuotePlatform.Domain.Reference;

namespace QuotePlatform.Ingest.Sources.Qmt.Python;

/// <summary>
/// The xtdata calls the QMT source makes, each taking the GIL only for the call itself. Errors raised
/// by xtquant come out as <see cref="PythonException"/>.
/// </summary>
internal sealed class XtDataModule : IDisposable
{
    private const string Fields = "time,open,high,low,close,volume,amount,preClose,suspendFlag";
    private readonly PyObject _module;
    private readonly PyObject _bridge;
    private PyObject? _client;

    public XtDataModule(string moduleName)
    {
        using (Py.GIL())
        {
            _module = Py.Import(moduleName);
            _bridge = Py.Import("quoteplatform_bridge");
            TickWidth = _bridge.GetAttr("TICK_WIDTH").As<int>();
            BarWidth = _bridge.GetAttr("BAR_WIDTH").As<int>();
            HasMarketClock = _module.HasAttr("sim_market_time_ms");
            ModuleFile = _module.HasAttr("__file__") ? _module.GetAttr("__file__").ToString() ?? "?" : "?";
        }
    }

    public int TickWidth { get; }

    public int BarWidth { get; }

    public string ModuleFile { get; }

    /// <summary>The simulator keeps its own market clock; real xtquant follows the wall clock.</summary>
    public bool HasMarketClock { get; }

    /// <summary>connect(); returns what the client says about the server.</summary>
    public string Connect()
    {
        using (Py.GIL())
        {
            _client?.Dispose();
            _client = _module.InvokeMethod("connect");
            using var tag = _client.HasAttr("get_server_tag") ? _client.InvokeMethod("get_server_tag") : null;
            return tag?.ToString() ?? _client.ToString() ?? "?";
        }
    }

    /// <summary>client.is_connected(); false without a client.</summary>
    public bool IsConnected()
    {
        using (Py.GIL())
        {
            if (_client is null)
            {
                return false;
            }

            using var connected = _client.InvokeMethod("is_connected");
            return connected.IsTrue();
        }
    }

    public long? MarketTimeUnixMs()
    {
        using (Py.GIL())
        {
            using var time = _module.InvokeMethod("sim_market_time_ms");
            return time.IsNone() ? null : time.As<long>();
        }
    }

    /// <summary>The union of get_stock_list_in_sector over the sectors, in the order listed, each code once.</summary>
    public string[] StockList(IReadOnlyList<string> sectors)
    {
        var codes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (Py.GIL())
        {
            foreach (var sector in sectors)
            {
                using var list = _module.InvokeMethod("get_stock_list_in_sector", new PyString(sector));
                codes.AddRange(list.As<string[]>().Where(seen.Add));
            }
        }

        return [.. codes];
    }

    /// <summary>subscribe_whole_quote; the handler gets the bridge's packed ticks (see <see cref="PackedReader"/>) on xtquant's thread.</summary>
    public int SubscribeWholeQuote(IReadOnlyList<string> codes, Func<long, long, long, long, bool> handler)
    {
        using (Py.GIL())
        {
            using var list = ToList(codes);
            using var callback = _bridge.InvokeMethod("tick_callback", handler.ToPython());
            using var seq = _module.InvokeMethod("subscribe_whole_quote", list, callback);
            return seq.As<int>();
        }
    }

    /// <summary>subscribe_quote(code, period='1m'); the handler gets packed bars.</summary>
    public int SubscribeQuote(string code, PyObject callback)
    {
        using (Py.GIL())
        {
            using var kwargs = new PyDict();
            kwargs["period"] = new PyString("1m");
            kwargs["callback"] = callback;
            using var seq = _module.InvokeMethod("subscribe_quote", [new PyString(code)], kwargs);
            return seq.As<int>();
        }
    }

    /// <summary>A callable for <see cref="SubscribeQuote"/>: one serves every stock.</summary>
    public PyObject BarCallback(Func<long, long, long, long, bool> handler)
    {
        using (Py.GIL())
        {
            return _bridge.InvokeMethod("bar_callback", handler.ToPython());
        }
    }

    /// <summary>unsubscribe_quote for each; a failure is logged, not thrown (the link may be gone).</summary>
    public void UnsubscribeAll(IEnumerable<int> seqs, ILogger logger)
    {
        foreach (var seq in seqs)
        {
            try
            {
                using (Py.GIL())
                {
                    _module.InvokeMethod("unsubscribe_quote", new PyInt(seq)).Dispose();
                }
            }
            catch (PythonException ex)
            {
                QmtLog.UnsubscribeFailed(logger, seq, ex);
            }
        }
    }

    /// <summary>get_full_tick(codes), flattened as whole-quote pushes are.</summary>
    public (string[] Codes, double[] Values) FullTick(IReadOnlyList<string> codes)
    {
        using (Py.GIL())
        {
            using var list = ToList(codes);
            using var ticks = _module.InvokeMethod("get_full_tick", list);
            using var packed = _bridge.InvokeMethod("pack_ticks", ticks);
            return PackedReader.Read(packed, TickWidth);
        }
    }

    /// <summary>get_market_data_ex 1m bars from <paramref name="startDate"/> (YYYYMMDD) on, flattened as bar pushes are.</summary>
    public (string[] Codes, double[] Values) MinuteBars(IReadOnlyList<string> codes, string startDate)
    {
        using (Py.GIL())
        {
            using var fields = ToList(Fields.Split(','));
            using var list = ToList(codes);
            using var kwargs = new PyDict();
            kwargs["field_list"] = fields;
            kwargs["stock_list"] = list;
            kwargs["period"] = new PyString("1m");
            kwargs["start_time"] = new PyString(startDate);
            kwargs["end_time"] = new PyString("");
            using var frames = _module.InvokeMethod("get_market_data_ex", Array.Empty<PyObject>(), kwargs);
            using var packed = _bridge.InvokeMethod("pack_frames", frames);
            return PackedReader.Read(packed, BarWidth);
        }
    }

    /// <summary>get_market_data_ex 1m history between two times (YYYYMMDD[HHMMSS]), fetched and flattened by the bridge in one call.</summary>
    public (string[] Codes, double[] Values) MinuteHistory(IReadOnlyList<string> codes, string startTime, string endTime) =>
        History(codes, "1m", startTime, endTime);

    /// <summary>
    /// get_market_data_ex bars of <paramref name="period"/> ('1m', '5m', '1d'; unadjusted) between two times
    /// (YYYYMMDD[HHMMSS]; a date alone as the end takes the whole day), fetched and flattened by the bridge
    /// (history_bars) in one call: <see cref="BarWidth"/> values per row (time = the bar's end in epoch ms,
    /// a 1d bar its date's midnight; open, high, low, close, volume in lots, amount, preClose, suspendFlag).
    /// </summary>
    public (string[] Codes, double[] Values) History(IReadOnlyList<string> codes, string period, string startTime, string endTime, string dividendType = "none")
    {
        using (Py.GIL())
        {
            using var list = ToList(codes);
            using var packed = _bridge.InvokeMethod("history_bars", _module, list, new PyString(period), new PyString(startTime), new PyString(endTime), new PyString(dividendType));
            return PackedReader.Read(packed, BarWidth);
        }
    }

    /// <summary>
    /// The trading days (YYYYMMDD) of <paramref name="market"/> ('SH' or 'SZ') from <paramref name="startDate"/> to
    /// <paramref name="endDate"/> (YYYYMMDD, both included). From get_trading_calendar rather than get_trading_dates:
    /// it knows the days ahead too (as far as the terminal's holiday data goes: the year's end), which a
    /// morning's gap listing and the page need, and it returns the dates themselves rather than epoch ms of
    /// a local midnight. The bridge cuts the result to the range (xtquant's own code does not cut its past
    /// days at end_time) and leaves out days beyond the holiday data rather than failing.
    /// </summary>
    public string[] TradingDates(string market, string startDate, string endDate)
    {
        using (Py.GIL())
        {
            using var days = _bridge.InvokeMethod("trading_dates", _module, new PyString(market), new PyString(startDate), new PyString(endDate));
            return days.As<string[]>();
        }
    }

    /// <summary>
    /// download_history_data2: makes the terminal fetch the history of <paramref name="codes"/> (it returns when
    /// done). <paramref name="progress"/> gets (finished, total) once per symbol, on xtquant's thread (not the
    /// caller's); the bridge hands it only the two ints, never xtquant's dict.
    /// </summary>
    public void DownloadHistory(IReadOnlyList<string> codes, string period, string startTime, string endTime, Action<int, int>? progress)
    {
        using (Py.GIL())
        {
            using var list = ToList(codes);
            using var kwargs = new PyDict();
            kwargs["stock_list"] = list;
            kwargs["period"] = new PyString(period);
            kwargs["start_time"] = new PyString(startTime);
            kwargs["end_time"] = new PyString(endTime);
            using var handler = progress?.ToPython();
            using var callback = handler is null ? null : _bridge.InvokeMethod("progress_callback", handler);
            if (callback is not null)
            {
                kwargs["callback"] = callback;
            }

            _module.InvokeMethod("download_history_data2", Array.Empty<PyObject>(), kwargs).Dispose();
        }
    }

    /// <summary>
    /// get_instrument_detail and get_instrument_type of each code, as the terminal knows them on <paramref name="tradingDate"/>
    /// (a code it does not know is left out).
    /// </summary>
    public List<InstrumentDetail> InstrumentDetails(IReadOnlyList<string> codes, DateOnly tradingDate)
    {
        using (Py.GIL())
        {
            using var list = ToList(codes);
            using var rows = _bridge.InvokeMethod("instrument_details", _module, list);
            var details = new List<InstrumentDetail>();
            for (var i = 0; i < rows.Length(); i++)
            {
                using (var row = rows[i])
                {
                    var n = row[5].As<double[]>();
                    var opened = row[4].As<string>();
                    DateOnly? listed = DateOnly.TryParseExact(opened, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
                    details.Add(new InstrumentDetail(row[0].As<string>(), tradingDate, row[1].As<string>(), row[2].As<string>(), row[3].As<string>(), listed,
                        n[3], n[1], n[2], n[0], n[4], n[5], (int)n[6], (int)n[7]));
                }
            }

            return details;
        }
    }

    /// <summary>The terminal's latest trading day (today on a trading day), or null when it lists none.</summary>
    public DateOnly? LastTradingDay(string market)
    {
        using (Py.GIL())
        {
            using var day = _bridge.InvokeMethod("last_trading_day", _module, new PyString(market));
            var text = day.As<string>();
            return text.Length == 8 ? DateOnly.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>get_divid_factors of each code (all its events the terminal knows), by code.</summary>
    public Dictionary<string, List<DividendEvent>> DividendFactors(IReadOnlyList<string> codes)
    {
        using (Py.GIL())
        {
            using var list = ToList(codes);
            using var rows = _bridge.InvokeMethod("divid_factors", _module, list);
            var factors = new Dictionary<string, List<DividendEvent>>(StringComparer.Ordinal);
            for (var i = 0; i < rows.Length(); i++)
            {
                using (var row = rows[i])
                {
                    var code = row[0].As<string>();
                    var v = row[2].As<double[]>();
                    var day = DateOnly.ParseExact(row[1].As<string>(), "yyyyMMdd", CultureInfo.InvariantCulture);
                    if (!factors.TryGetValue(code, out var events))
                    {
                        factors[code] = events = [];
                    }

                    events.Add(new DividendEvent(day, v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
                }
            }

            return factors;
        }
    }

    public void Dispose()
    {
        using (Py.GIL())
        {
            // The simulator's market thread must not outlive the source (nor run into the interpreter's shutdown).
            if (_module.HasAttr("sim_stop"))
            {
                _module.InvokeMethod("sim_stop").Dispose();
            }

            _client?.Dispose();
            _bridge.Dispose();
            _module.Dispose();
        }
    }

    private static PyList ToList(IEnumerable<string> items)
    {
        var list = new PyList();
        foreach (var item in items)
        {
            using var text = new PyString(item);
            list.Append(text);
        }

        return list;
    }
}
