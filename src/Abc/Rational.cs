namespace MusicPile.Abc;

/// <summary>An exact fraction, always stored reduced with a positive denominator; durations in whole notes use it.</summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/>, reduced.</summary>
    public Rational(long numerator, long denominator)
    {
        if (denominator == 0)
            throw new DivideByZeroException("Rational with zero denominator");
        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var g = Gcd(Math.Abs(numerator), denominator);
        _numerator = g == 0 ? 0 : numerator / g;
        _denominator = g == 0 ? 1 : denominator / g;
    }

    /// <summary>The numerator (sign carrier).</summary>
    public long Numerator => _numerator;

    /// <summary>The denominator, never below 1 (default(Rational) reads as 0/1).</summary>
    public long Denominator => _denominator == 0 ? 1 : _denominator;

    private readonly long _numerator;
    private readonly long _denominator;

    /// <summary>Zero.</summary>
    public static Rational Zero => new(0, 1, Reduced.Yes);

    /// <summary>One.</summary>
    public static Rational One => new(1, 1, Reduced.Yes);

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => Numerator == 0;

    /// <summary>The value as a double.</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>Adds two fractions.</summary>
    public static Rational operator +(Rational a, Rational b)
    {
        long an = a.Numerator, ad = a.Denominator, bn = b.Numerator, bd = b.Denominator;
        if (Small(an) && Small(ad) && Small(bn) && Small(bd))
            return ad == bd ? Reduce(an + bn, ad) : Reduce(an * bd + bn * ad, ad * bd);
        return From((Int128)an * bd + (Int128)bn * ad, (Int128)ad * bd);
    }

    /// <summary>Subtracts two fractions.</summary>
    public static Rational operator -(Rational a, Rational b)
    {
        long an = a.Numerator, ad = a.Denominator, bn = b.Numerator, bd = b.Denominator;
        if (Small(an) && Small(ad) && Small(bn) && Small(bd))
            return ad == bd ? Reduce(an - bn, ad) : Reduce(an * bd - bn * ad, ad * bd);
        return From((Int128)an * bd - (Int128)bn * ad, (Int128)ad * bd);
    }

    /// <summary>Multiplies two fractions.</summary>
    public static Rational operator *(Rational a, Rational b)
    {
        long an = a.Numerator, ad = a.Denominator, bn = b.Numerator, bd = b.Denominator;
        if (Small(an) && Small(ad) && Small(bn) && Small(bd))
            return Reduce(an * bn, ad * bd);
        return From((Int128)an * bn, (Int128)ad * bd);
    }

    /// <summary>Divides two fractions.</summary>
    public static Rational operator /(Rational a, Rational b)
    {
        long an = a.Numerator, ad = a.Denominator, bn = b.Numerator, bd = b.Denominator;
        if (bn != 0 && Small(an) && Small(ad) && Small(bn) && Small(bd))
            return Reduce(an * bd, ad * bn);
        return From((Int128)an * bd, (Int128)ad * bn);
    }

    /// <summary>Already reduced with a positive denominator: no division needed.</summary>
    private Rational(long numerator, long denominator, Reduced _)
    {
        _numerator = numerator;
        _denominator = denominator;
    }

    /// <summary>Selects the constructor that trusts its arguments to be reduced.</summary>
    private enum Reduced
    {
        Yes,
    }

    /// <summary>True when products of two such values and their sums stay well inside a long.</summary>
    private static bool Small(long v) => v is >= -int.MaxValue and <= int.MaxValue;

    /// <summary>The reduced form of n/d for a nonzero d whose magnitudes fit a long: what the wide path gives, without 128-bit division.</summary>
    private static Rational Reduce(long n, long d)
    {
        if (d < 0)
        {
            n = -n;
            d = -d;
        }
        if (n == 0)
            return new Rational(0, 1, Reduced.Yes);
        if (d == 1)
            return new Rational(n, 1, Reduced.Yes);
        var g = BinaryGcd((ulong)(n < 0 ? -n : n), (ulong)d);
        if (g == 1)
            return new Rational(n, d, Reduced.Yes);
        if (ulong.IsPow2(g))
        {
            var shift = System.Numerics.BitOperations.TrailingZeroCount(g);
            return new Rational(n >> shift, d >> shift, Reduced.Yes);
        }
        return new Rational(n / (long)g, d / (long)g, Reduced.Yes);
    }

    /// <summary>Reduces a wide fraction; one that still does not fit is rounded to a multiple of 2^-40 rather than overflowing.</summary>
    private static Rational From(Int128 n, Int128 d)
    {
        if (d == 0)
            throw new DivideByZeroException("Rational with zero denominator");
        if (d < 0)
        {
            n = -n;
            d = -d;
        }
        var g = Int128.Abs(n);
        var b = d;
        while (b != 0)
            (g, b) = (b, g % b);
        if (g > 1)
        {
            n /= g;
            d /= g;
        }
        if (n >= long.MinValue && n <= long.MaxValue && d <= long.MaxValue)
            return new Rational((long)n, (long)d);
        const long scale = 1L << 40;
        var approx = (double)n / (double)d * scale;
        return new Rational((long)Math.Clamp(Math.Round(approx), -1e17, 1e17), scale);
    }

    /// <summary>Compares by value.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <summary>Compares by value.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <summary>Compares by value.</summary>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    /// <summary>Compares by value.</summary>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <inheritdoc />
    public int CompareTo(Rational other)
    {
        long an = Numerator, ad = Denominator, bn = other.Numerator, bd = other.Denominator;
        if (ad == bd)
            return an.CompareTo(bn);
        if (Small(an) && Small(ad) && Small(bn) && Small(bd))
            return (an * bd).CompareTo(bn * ad);
        return ((Int128)an * bd).CompareTo((Int128)bn * ad);
    }

    /// <summary>Writes <c>n/d</c>, or <c>n</c> when the denominator is 1.</summary>
    public override string ToString() => Denominator == 1 ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{Denominator.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>n</c> or <c>n/d</c>; false on anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Rational value)
    {
        value = Zero;
        text = text.Trim();
        var slash = text.IndexOf('/');
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var ns = System.Globalization.NumberStyles.None;
        if (slash < 0)
        {
            if (!long.TryParse(text, ns, ci, out var whole) || whole > 1_000_000)
                return false;
            value = new Rational(whole, 1);
            return true;
        }
        if (!long.TryParse(text[..slash].Trim(), ns, ci, out var n) || !long.TryParse(text[(slash + 1)..].Trim(), ns, ci, out var d)
            || d == 0 || n > 1_000_000 || d > 1_000_000)
            return false;
        value = new Rational(n, d);
        return true;
    }

    /// <summary>Stein's algorithm: shifts and subtractions instead of divisions; both arguments nonzero.</summary>
    private static ulong BinaryGcd(ulong a, ulong b)
    {
        var common = System.Numerics.BitOperations.TrailingZeroCount(a | b);
        a >>= System.Numerics.BitOperations.TrailingZeroCount(a);
        while (true)
        {
            b >>= System.Numerics.BitOperations.TrailingZeroCount(b);
            if (a > b)
                (a, b) = (b, a);
            b -= a;
            if (b == 0)
                return a << common;
        }
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
