using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Query.Hosting;

/// <summary>Limits of the query API; every limit is stated in the error a caller gets past it.</summary>
public sealed class QueryServiceOptions : ISectionOptions
{
    public static string Section => "Query";

    /// <summary>Bars per GetBars page when the caller asks for none.</summary>
    [Range(1, 100_000)]
    public int DefaultPageSize { get; set; } = 1000;

    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>Symbols per BatchGetBars / GetCoverage request.</summary>
    [Range(1, 10_000)]
    public int MaxSymbols { get; set; } = 500;

    /// <summary>Symbols named in one StreamBarPanel request (none asks for every symbol).</summary>
    [Range(1, 100_000)]
    public int MaxPanelSymbols { get; set; } = 10_000;

    /// <summary>
    /// Bars per StreamBarPanel message: about 60 bytes each on the wire, so the default keeps a
    /// message near 2 MB, under the 4 MB a gRPC client accepts by default.
    /// </summary>
    [Range(1, 100_000)]
    public int PanelMessageBars { get; set; } = 32_768;

    /// <summary>Bars in one BatchGetBars answer, all symbols together.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchBars { get; set; } = 100_000;

    /// <summary>Symbol-days in one GetCoverage request (each a day of up to 241 frames).</summary>
    [Range(1, 100_000)]
    public int MaxCoverageSymbolDays { get; set; } = 6_000;

    [Range(1, 10_000)]
    public int MaxQuoteSymbols { get; set; } = 1000;

    [Range(1, 100_000)]
    public int DefaultSymbolPageSize { get; set; } = 100;

    [Range(1, 100_000)]
    public int MaxSymbolPageSize { get; set; } = 10_000;

    /// <summary>
    /// How long the list of known symbols is reused: the symbol search asks on every keystroke,
    /// and the list only grows when a new instrument first trades. The instruments' names and their
    /// dividend factors (sent each morning) are reused as long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SymbolCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Answered by GetQuotes when no symbol is given: 平安银行.</summary>
    [Required]
    [RegularExpression(@"^\d{6}\.(SH|SZ|BJ)$")]
    public string DefaultSymbol { get; set; } = "000001.SZ";

    /// <summary>Origins allowed to call over gRPC-Web from a browser; empty allows any origin.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
