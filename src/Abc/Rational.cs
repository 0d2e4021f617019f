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
    public static Rational Zero => new(0, 1);

    /// <summary>One.</summary>
    public static Rational One => new(1, 1);

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => Numerator == 0;

    /// <summary>The value as a double.</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>Adds two fractions.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        From((Int128)a.Numerator * b.Denominator + (Int128)b.Numerator * a.Denominator, (Int128)a.Denominator * b.Denominator);

    /// <summary>Subtracts two fractions.</summary>
    public static Rational operator -(Rational a, Rational b) =>
        From((Int128)a.Numerator * b.Denominator - (Int128)b.Numerator * a.Denominator, (Int128)a.Denominator * b.Denominator);

    /// <summary>Multiplies two fractions.</summary>
    public static Rational operator *(Rational a, Rational b) =>
        From((Int128)a.Numerator * b.Numerator, (Int128)a.Denominator * b.Denominator);

    /// <summary>Divides two fractions.</summary>
    public static Rational operator /(Rational a, Rational b) =>
        From((Int128)a.Numerator * b.Denominator, (Int128)a.Denominator * b.Numerator);

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
    public int CompareTo(Rational other) =>
        ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

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

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
