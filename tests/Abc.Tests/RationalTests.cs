using System.Numerics;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class RationalTests
{
    [Fact]
    public void Arithmetic_gives_the_reduced_exact_result_for_small_and_wide_operands()
    {
        var random = new Random(20_240_501);
        long[] scales = [16, 1_000, 1L << 31, 1L << 40];
        for (var k = 0; k < 20_000; k++)
        {
            var scale = scales[k % scales.Length];
            var a = new Rational(random.NextInt64(-scale, scale), random.NextInt64(1, scale));
            var b = new Rational(random.NextInt64(-scale, scale), random.NextInt64(1, scale));
            Check(a + b, (BigInteger)a.Numerator * b.Denominator + (BigInteger)b.Numerator * a.Denominator, (BigInteger)a.Denominator * b.Denominator);
            Check(a - b, (BigInteger)a.Numerator * b.Denominator - (BigInteger)b.Numerator * a.Denominator, (BigInteger)a.Denominator * b.Denominator);
            Check(a * b, (BigInteger)a.Numerator * b.Numerator, (BigInteger)a.Denominator * b.Denominator);
            if (!b.IsZero)
                Check(a / b, (BigInteger)a.Numerator * b.Denominator, (BigInteger)a.Denominator * b.Numerator);
            var expected = ((BigInteger)a.Numerator * b.Denominator).CompareTo((BigInteger)b.Numerator * a.Denominator);
            Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        }
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
        Assert.Equal(new Rational(3, 4), new Rational(1, 2) + new Rational(1, 4));
        Assert.Equal(Rational.Zero, new Rational(-3, 8) + new Rational(3, 8));
    }

    /// <summary>The result must be n/d reduced whenever that fits a long; wider results are approximated and not checked here.</summary>
    private static void Check(Rational actual, BigInteger n, BigInteger d)
    {
        if (d.Sign < 0)
        {
            n = -n;
            d = -d;
        }
        var g = BigInteger.GreatestCommonDivisor(n, d);
        if (!g.IsZero)
        {
            n /= g;
            d /= g;
        }
        if (n.IsZero)
            d = 1;
        if (BigInteger.Abs(n) > long.MaxValue || d > long.MaxValue)
            return;
        Assert.Equal(((long)n, (long)d), (actual.Numerator, actual.Denominator));
    }
}
