namespace QuotePlatform.Domain.Reference;

/// <summary>
/// Rounding to the cent exactly as Python's round(x, 2) does: the exact binary value of the double is rounded
/// (half to even only for an exact tie), then the nearest double to the cents is returned. Math.Round(x, 2)
/// scales by 100 first, which can turn 2.675 (really 2.67499999...) into a tie; QMT's documented
/// adjustment code is Python, so its results are matched only this way.
/// </summary>
public static class Cents
{
    public static double Round(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) >= 1e12)
        {
            return value;
        }

        var negative = value < 0;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            return 0.0 * (negative ? -1 : 1); // subnormal: far below a cent
        }

        mantissa |= 1L << 52;
        var shift = 1075 - exponent; // value = mantissa * 2^-shift
        if (shift <= 0)
        {
            return value; // a whole number
        }

        // value * 100 = mantissa * 100 / 2^shift, exact in 128 bits.
        var scaled = (UInt128)mantissa * 100;
        long cents;
        if (shift >= 120)
        {
            cents = 0;
        }
        else
        {
            var whole = scaled >> shift;
            var remainder = scaled - (whole << shift);
            var half = (UInt128)1 << (shift - 1);
            cents = (long)whole;
            if (remainder > half || (remainder == half && (cents & 1) == 1))
            {
                cents++;
            }
        }

        var rounded = cents / 100.0;
        return negative ? -rounded : rounded;
    }
}
