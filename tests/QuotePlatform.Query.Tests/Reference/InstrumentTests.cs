using Grpc.Core;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Storage.Reference;
using Xunit;

namespace QuotePlatform.Query.Tests.Reference;

/// <summary>Names in ListSymbols and its search by code or name; GetInstrument as of a date, a rename kept as history.</summary>
public sealed class InstrumentTests : QueryServiceTest
{
    private static readonly DateOnly Before = new(2025, 3, 3);
    private static readonly DateOnly Renamed = new(2025, 9, 1);
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var store = new InstrumentStore(World.ClickHouse);
        await store.InsertDetailsAsync(
        [
            Detail("000001.SZ", Before, "平安银行"),
            Detail("601318.SH", Before, "中国平安"),
            Detail("600519.SH", Before, "贵州茅台"),
            Detail("600733.SH", Before, "北汽蓝谷"),
            Detail("000300.SH", Before, "沪深300", "index"),
        ], 1, CancellationToken.None);
        await store.InsertDetailsAsync([Detail("600733.SH", Renamed, "ST北汽蓝谷"), Detail("000001.SZ", Renamed, "平安银行")], 2, CancellationToken.None);
        await store.InsertFactorsAsync([("000001.SZ", new DividendEvent(new DateOnly(2025, 6, 12), 0.362, 0, 0, 0, 0, 0, 1.03))], 1, CancellationToken.None);
        await World.StoreAsync([TestData.Minute("000001.SZ", 0)]);
    }

    [Fact]
    public async Task ListSymbols_PartOfTheName_EverySymbolWhoseNameHasIt()
    {
        var response = await Host.CreateClient().ListSymbolsAsync(new ListSymbolsRequest { Search = "平安" });

        Assert.Equal([("000001.SZ", "平安银行", "stock", true), ("601318.SH", "中国平安", "stock", false)],
            response.Symbols.Select(s => (s.Symbol, s.Name, s.Type, s.HasBars)));
    }

    [Fact]
    public async Task ListSymbols_CodePrefixOrNoSearch_NamesAndTypesOfEachToday()
    {
        var client = Host.CreateClient();

        var byCode = await client.ListSymbolsAsync(new ListSymbolsRequest { Search = "6005" });
        var all = await client.ListSymbolsAsync(new ListSymbolsRequest());

        Assert.Equal(["600519.SH"], byCode.Symbols.Select(s => s.Symbol));
        Assert.Equal(
            [("000001.SZ", "平安银行"), ("000300.SH", "沪深300"), ("600519.SH", "贵州茅台"), ("600733.SH", "ST北汽蓝谷"), ("601318.SH", "中国平安")],
            all.Symbols.Select(s => (s.Symbol, s.Name)));
        Assert.Equal("index", all.Symbols[1].Type);
    }

    [Fact]
    public async Task GetInstrument_RenamedInstrument_OldNameOnOldDatesNewOneAfter()
    {
        var client = Host.CreateClient();

        var old = await client.GetInstrumentAsync(new GetInstrumentRequest { Symbol = "600733.SH", Date = "2025-08-29" });
        var renamed = await client.GetInstrumentAsync(new GetInstrumentRequest { Symbol = "600733.SH", Date = "2025-09-01" });
        var today = await client.GetInstrumentAsync(new GetInstrumentRequest { Symbol = "600733.SH" });

        Assert.Equal(("北汽蓝谷", "2025-03-03"), (old.Instrument.Name, old.Instrument.TradingDate));
        Assert.Equal(("ST北汽蓝谷", "2025-09-01"), (renamed.Instrument.Name, renamed.Instrument.TradingDate));
        Assert.Equal("ST北汽蓝谷", today.Instrument.Name);
    }

    [Fact]
    public async Task GetInstrument_Stock_DetailsWithDividendFactors()
    {
        var response = await Host.CreateClient().GetInstrumentAsync(new GetInstrumentRequest { Symbol = "000001.SZ" });

        var instrument = response.Instrument;
        Assert.Equal(("平安银行", "SZ", "stock", "1991-04-03", 0.01, 100), (instrument.Name, instrument.Exchange, instrument.Type, instrument.ListedDate, instrument.PriceTick, instrument.VolumeMultiple));
        Assert.Equal(("2025-06-12", 0.362), (instrument.DividendFactors.Single().ExDate, instrument.DividendFactors.Single().Interest));
    }

    [Fact]
    public async Task GetInstrument_NoDetailsOrBadDate_NotFoundOrInvalid()
    {
        var client = Host.CreateClient();

        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetInstrumentAsync(new GetInstrumentRequest { Symbol = "600000.SH" }).ResponseAsync);
        var early = await Assert.ThrowsAsync<RpcException>(() => client.GetInstrumentAsync(new GetInstrumentRequest { Symbol = "000001.SZ", Date = "2024-12-31" }).ResponseAsync);
        var bad = await Assert.ThrowsAsync<RpcException>(() => client.GetInstrumentAsync(new GetInstrumentRequest { Symbol = "000001.SZ", Date = "20250101" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.NotFound, early.StatusCode);
        Assert.Contains("at start-up and each morning", early.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    private static InstrumentDetail Detail(string symbol, DateOnly date, string name, string type = "stock") =>
        new(symbol, date, name, symbol[^2..], type, new DateOnly(1991, 4, 3), 0.01, 11, 9, 10, 1e9, 2e9, 100, 0);
}
