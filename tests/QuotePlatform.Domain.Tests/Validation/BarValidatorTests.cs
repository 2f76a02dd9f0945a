using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;

namespace QuotePlatform.Domain.Tests.Validation;

public sealed class BarValidatorTests
{
    // Friday 2025-06-06 09:31 Beijing = 01:31 UTC.
    private const long Bar0931 = 1_749_173_460_000;

    [Fact]
    public void Validate_GoodBar_ReturnsNull()
    {
        Assert.Null(BarValidator.Validate("600000.SH", BarPeriod.OneMinute, Bar0931, 8.0, 8.1, 7.9, 8.05, 1_000, 8_000.5));
    }

    [Theory]
    [InlineData("60000.SH", 1, 0, 8.0, 8.1, 7.9, 8.0, 100, 800.0, "bad_symbol")]
    [InlineData("600000.SS", 1, 0, 8.0, 8.1, 7.9, 8.0, 100, 800.0, "bad_symbol")]
    [InlineData("600000.SH", 0, 0, 8.0, 8.1, 7.9, 8.0, 100, 800.0, "unknown_period")]
    [InlineData("600000.SH", 9, 0, 8.0, 8.1, 7.9, 8.0, 100, 800.0, "unknown_period")]
    [InlineData("600000.SH", 1, 1_000, 8.0, 8.1, 7.9, 8.0, 100, 800.0, "frame_not_on_boundary")]
    [InlineData("600000.SH", 2, 0, 8.0, 8.1, 7.9, 8.0, 100, 800.0, "frame_not_on_boundary")]
    [InlineData("600000.SH", 1, 0, double.NaN, 8.1, 7.9, 8.0, 100, 800.0, "non_finite_price")]
    [InlineData("600000.SH", 1, 0, 8.0, double.PositiveInfinity, 7.9, 8.0, 100, 800.0, "non_finite_price")]
    [InlineData("600000.SH", 1, 0, 0.0, 0.0, 0.0, 0.0, 0, 0.0, "low_not_positive")]
    [InlineData("600000.SH", 1, 0, 8.0, 7.8, 7.9, 8.0, 100, 800.0, "high_below_low")]
    [InlineData("600000.SH", 1, 0, 8.2, 8.1, 7.9, 8.0, 100, 800.0, "open_outside_range")]
    [InlineData("600000.SH", 1, 0, 8.0, 8.1, 7.9, 7.8, 100, 800.0, "close_outside_range")]
    [InlineData("600000.SH", 1, 0, 8.0, 8.1, 7.9, 8.0, -100, 800.0, "negative_volume")]
    [InlineData("600000.SH", 1, 0, 8.0, 8.1, 7.9, 8.0, 100, -0.01, "negative_amount")]
    [InlineData("600000.SH", 1, 0, 8.0, 8.1, 7.9, 8.0, 100, double.NaN, "negative_amount")]
    public void Validate_BrokenBar_ReturnsReason(
        string symbol, int period, long frameOffsetMs, double open, double high, double low, double close, long volume, double amount, string reason)
    {
        var rejection = BarValidator.Validate(symbol, (BarPeriod)period, Bar0931 + frameOffsetMs, open, high, low, close, volume, amount);

        Assert.NotNull(rejection);
        Assert.Equal(reason, rejection.Value.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Value.Detail));
    }

    [Fact]
    public void Validate_HighBelowLow_DetailNamesBothValues()
    {
        var rejection = BarValidator.Validate("000001.SZ", BarPeriod.OneMinute, Bar0931, 8.0, 7.8, 7.9, 8.0, 100, 800.0);

        Assert.Equal("high 7.8 is below low 7.9", rejection!.Value.Detail);
    }

    [Fact]
    public void Validate_FlatBarWithZeroVolume_ReturnsNull()
    {
        Assert.Null(BarValidator.Validate("430047.BJ", BarPeriod.OneMinute, Bar0931, 8.0, 8.0, 8.0, 8.0, 0, 0.0));
    }
}
