using QuotePlatform.Domain.Reference;

namespace QuotePlatform.Domain.Tests.Reference;

public sealed class CentsTests
{
    [Theory]
    // Python: round(2.675, 2) == 2.67 (2.675 is really 2.67499999...), round(1.005, 2) == 1.0,
    // round(0.125, 2) == 0.12 (an exact tie: to even), round(0.375, 2) == 0.38, round(-2.675, 2) == -2.67.
    [InlineData(2.675, 2.67)]
    [InlineData(1.005, 1.0)]
    [InlineData(0.125, 0.12)]
    [InlineData(0.375, 0.38)]
    [InlineData(-2.675, -2.67)]
    [InlineData(10.0, 10.0)]
    [InlineData(3.14159, 3.14)]
    [InlineData(1e-9, 0.0)]
    public void Round_AsPythonRound_SameCents(double value, double expected) =>
        Assert.Equal(expected, Cents.Round(value));
}
