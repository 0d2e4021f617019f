namespace MusicPile.Abc;

/// <summary>A meter from <c>M:</c>: <c>C</c>, <c>C|</c>, <c>none</c>, <c>n/d</c> or compound <c>(2+3)/8</c>.</summary>
public sealed record AbcMeter
{
    /// <summary>The value as written, trimmed.</summary>
    public string Text { get; init; } = "none";

    /// <summary>No meter (<c>M:none</c> or missing): bars are not checked.</summary>
    public bool IsFree { get; init; } = true;

    /// <summary>The numerator (sum of the parts of a compound numerator).</summary>
    public int Numerator { get; init; }

    /// <summary>The denominator.</summary>
    public int Denominator { get; init; } = 4;

    /// <summary>The length of a full bar in whole notes, or null when free.</summary>
    public Rational? BarLength => IsFree || Denominator == 0 ? null : new Rational(Numerator, Denominator);

    /// <summary>A compound meter (6/8, 9/8, 12/8...), where some tuplets default to 3.</summary>
    public bool IsCompound => !IsFree && Numerator % 3 == 0 && Numerator > 3;

    /// <summary>Free meter.</summary>
    public static AbcMeter Free { get; } = new();

    /// <summary>Reads an <c>M:</c> value; false (and free meter) when it cannot be read.</summary>
    public static bool TryParse(string value, out AbcMeter meter)
    {
        meter = Free;
        var text = value.Trim();
        var pct = text.IndexOf('%');
        if (pct >= 0)
            text = text[..pct].TrimEnd();
        if (text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            meter = Free with { Text = text };
            return true;
        }
        if (text == "C")
        {
            meter = new AbcMeter { Text = text, IsFree = false, Numerator = 4, Denominator = 4 };
            return true;
        }
        if (text == "C|")
        {
            meter = new AbcMeter { Text = text, IsFree = false, Numerator = 2, Denominator = 2 };
            return true;
        }
        var space = text.IndexOfAny([' ', '\t']);
        var head = space > 0 ? text[..space] : text;
        var slash = head.IndexOf('/');
        if (slash <= 0)
            return false;
        var num = head[..slash].Trim('(', ')');
        var total = 0;
        foreach (var part in num.Split('+'))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n > 1000)
                return false;
            total += n;
        }
        if (!int.TryParse(head[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)
            || d <= 0 || d > 1000 || total <= 0)
            return false;
        meter = new AbcMeter { Text = text, IsFree = false, Numerator = total, Denominator = d };
        return true;
    }

    /// <summary>The default unit note length: 1/16 when the meter is below 3/4, else 1/8 (free meter: 1/8).</summary>
    public Rational DefaultUnitLength() =>
        BarLength is { } bar && bar < new Rational(3, 4) ? new Rational(1, 16) : new Rational(1, 8);
}
