using QuotePlatform.Domain.Reference;

namespace QuotePlatform.Domain.Tests.Reference;

public sealed class DividendAdjusterTests
{
    private static readonly DividendEvent Cash = new(new DateOnly(2025, 6, 12), 0.362, 0, 0, 0, 0, 0, 1.03);
    private static readonly DividendEvent Bonus = new(new DateOnly(2025, 7, 17), 0.2, 0.1, 0.3, 0, 0, 0, 1.45);
    private static readonly DividendAdjuster Adjuster = new([Bonus, Cash]); // any order

    [Fact]
    public void Adjust_Front_EachLaterEventInOrderRoundedToTheCent()
    {
        // Before both: cash first, then 10 送 1 转增 3 with 0.2 cash: round((round(12.00 - 0.362) - 0.2) / 1.4).
        Assert.Equal(Cents.Round((Cents.Round(12.00 - 0.362) - 0.2) / 1.4), Adjuster.Adjust(12.00, new DateOnly(2025, 6, 11), PriceAdjustment.Front));
        Assert.Equal(Cents.Round((12.00 - 0.2) / 1.4), Adjuster.Adjust(12.00, new DateOnly(2025, 6, 12), PriceAdjustment.Front)); // on the ex-date: done
        Assert.Equal(12.00, Adjuster.Adjust(12.00, new DateOnly(2025, 7, 17), PriceAdjustment.Front));
    }

    [Fact]
    public void Adjust_Back_EachEventOnOrBeforeFromTheLatestBack()
    {
        Assert.Equal(8.00, Adjuster.Adjust(8.00, new DateOnly(2025, 6, 11), PriceAdjustment.Back));
        Assert.Equal(Cents.Round(8.00 + 0.362), Adjuster.Adjust(8.00, new DateOnly(2025, 6, 12), PriceAdjustment.Back));
        Assert.Equal(Cents.Round(Cents.Round(8.00 * 1.4 + 0.2) + 0.362), Adjuster.Adjust(8.00, new DateOnly(2025, 8, 1), PriceAdjustment.Back));
    }

    [Fact]
    public void Adjust_NoneOrNoEvents_RawPrice()
    {
        Assert.Equal(12.3456, Adjuster.Adjust(12.3456, new DateOnly(2025, 1, 2), PriceAdjustment.None));
        Assert.Equal(12.3456, new DividendAdjuster([]).Adjust(12.3456, new DateOnly(2025, 1, 2), PriceAdjustment.Front));
    }
}
