using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>The QMT source: which CPython and xtdata module to load, and how to watch the link.</summary>
public sealed class QmtOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Ingest:Qmt";

    /// <summary>The CPython shared library: python311.dll on Windows, libpython3.11.so.1.0 on Linux.</summary>
    [Required(ErrorMessage = "set the path of the CPython library (e.g. C:\\Python311\\python311.dll or /usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0)")]
    public string PythonDll { get; set; } = "";

    /// <summary>
    /// Folders put first on sys.path: where xtquant is (Windows), or the simulator
    /// (<c>python/simulator</c> beside a development build). Relative paths are relative to the binary.
    /// </summary>
    public string[] ModuleSearchPaths { get; set; } = [];

    [Required]
    public string ModuleName { get; set; } = "xtquant.xtdata";

    /// <summary>
    /// The sectors whose instruments are subscribed, comma-separated, named as the terminal's get_sector_list
    /// names them: by default A shares, indices, ETFs and convertible bonds (xtquant's data dictionary:
    /// 获取沪深指数数据, 板块 lists). Their union is subscribed; details and history are read for the same list.
    /// One string, not a list: configuration binding appends a configured list to a default one.
    /// </summary>
    [Required]
    public string Sectors { get; set; } = "沪深A股,沪深指数,沪深ETF,沪深转债";

    /// <summary><see cref="Sectors"/> split at commas, each trimmed.</summary>
    public IReadOnlyList<string> SectorList => Sectors.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>Asked with get_full_tick after connecting, to prove the link carries data (平安银行).</summary>
    [Required]
    public string LinkCheckSymbol { get; set; } = "000001.SZ";

    /// <summary>QMT pushes about every 3 s; also the polling interval of the last fallback.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>No push for this long during trading hours counts as a lost link (10 missed pushes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the link (client.is_connected) and the stall timer are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan LinkCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First reconnect delay; doubles with jitter up to <see cref="ReconnectMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pushes held between xtquant's thread and the pipeline; a full-market push is one entry.</summary>
    [Range(1, 100_000)]
    public int InboxCapacity { get; set; } = 256;

    /// <summary>Per-stock 1m subscriptions tried when the whole-market one is refused (the vendor advises ~50).</summary>
    [Range(1, 20_000)]
    public int MaxPerStockSubscriptions { get; set; } = 6_000;

    /// <summary>When set, every push received is appended here in the `quote synth` input format.</summary>
    public string? RecordPath { get; set; }

    /// <summary>After the close, compare the ingest's own 1m bars of the day with QMT's get_market_data_ex 1m history, per field.</summary>
    public bool CompareAfterClose { get; set; } = true;

    /// <summary>How long after the close (market time) the comparison waits, so the engine closes the last minutes first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "02:00:00")]
    public TimeSpan CompareDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Prices and amounts agreeing within this (CNY; shares for volume) are equal: prices tick in 0.01.</summary>
    [Range(0.0, 1_000_000.0)]
    public double CompareAbsoluteTolerance { get; set; } = 0.005;

    /// <summary>Values agreeing within this share of QMT's value are equal (amounts are sums of rounded fills).</summary>
    [Range(0.0, 1.0)]
    public double CompareRelativeTolerance { get; set; } = 1e-6;

    /// <summary>Symbols listed as worst offenders in the comparison's log.</summary>
    [Range(0, 1000)]
    public int CompareWorstSymbols { get; set; } = 10;

    /// <summary>Symbols asked from get_market_data_ex per call (bounds the memory of one answer).</summary>
    [Range(1, 10_000)]
    public int CompareChunkSymbols { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SectorList.Any(string.IsNullOrEmpty))
        {
            yield return new ValidationResult("list sectors separated by commas, none blank (e.g. 沪深A股,沪深ETF)", [nameof(Sectors)]);
        }

        if (ReconnectBaseDelay > ReconnectMaxDelay)
        {
            yield return new ValidationResult($"must not exceed ReconnectMaxDelay ({ReconnectMaxDelay})", [nameof(ReconnectBaseDelay)]);
        }
    }
}
