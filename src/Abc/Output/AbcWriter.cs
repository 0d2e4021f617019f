using System.Text;

namespace MusicPile.Abc;

/// <summary>
/// Writes a tune model back to ABC with uniform spacing: one space where the source broke a beam, spaces around bar
/// lines, nothing else. Reading the output gives a structurally equal tune.
/// </summary>
public static class AbcWriter
{
    /// <summary>The tune as ABC text ending with a newline.</summary>
    public static string Write(AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var sb = new StringBuilder(1024);
        foreach (var f in tune.Header)
        {
            if (f.Name == '%')
                sb.Append("%%").Append(f.Value).Append('\n');
            else
                sb.Append(f.Name).Append(':').Append(f.Value).Append('\n');
        }
        var explicitVoices = tune.Voices.Count > 1 || (tune.Voices.Count == 1 && tune.Voices[0].Id.Length > 0);
        var body = new BodyWriter(sb);
        foreach (var voice in tune.Voices)
        {
            if (explicitVoices)
                body.FieldLine('V', voice.Properties.Length > 0 ? voice.Id + " " + voice.Properties : voice.Id);
            var elements = new List<AbcElement>();
            foreach (var bar in voice.Bars)
                elements.AddRange(bar.Elements);
            body.Elements(elements);
            body.EndVoice();
        }
        return sb.ToString();
    }

    /// <summary>Writes several tunes separated by blank lines.</summary>
    public static string Write(IEnumerable<AbcTune> tunes) => string.Join("\n", tunes.Select(Write));

    internal static void AppendLength(StringBuilder sb, Rational length)
    {
        if (length == Rational.One)
            return;
        if (length.Denominator == 1)
            sb.Append(length.Numerator);
        else if (length.Numerator == 1 && length.Denominator == 2)
            sb.Append('/');
        else if (length.Numerator == 1)
            sb.Append('/').Append(length.Denominator);
        else
            sb.Append(length.Numerator).Append('/').Append(length.Denominator);
    }

    internal static void AppendNote(StringBuilder sb, AbcNote n)
    {
        sb.Append(n.Accidental switch
        {
            AbcAccidental.Sharp => "^",
            AbcAccidental.DoubleSharp => "^^",
            AbcAccidental.Flat => "_",
            AbcAccidental.DoubleFlat => "__",
            AbcAccidental.Natural => "=",
            _ => "",
        });
        if (n.Octave >= 1)
        {
            sb.Append(char.ToLowerInvariant(n.Letter));
            sb.Append('\'', n.Octave - 1);
        }
        else
        {
            sb.Append(n.Letter);
            sb.Append(',', -n.Octave);
        }
        AppendLength(sb, n.Length);
        if (n.Tie)
            sb.Append('-');
    }
}
