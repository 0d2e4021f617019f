using System.Text;

namespace MusicPile.Samples;

/// <summary>
/// Composes simple, valid folk-style tunes (two repeated 4-bar strains) from a seed, so demos and tests have music
/// the project made itself.
/// </summary>
public sealed class SampleTuneComposer(int seed)
{
    private static readonly string[] Keys = ["C", "G", "D", "A", "F", "Bb", "Am", "Em", "Dm", "Gdor", "Ador", "Dmix"];
    private static readonly (string Meter, int Units)[] Meters = [("4/4", 8), ("3/4", 6), ("6/8", 6), ("2/4", 4)];
    private static readonly string[] Pitches = ["C", "D", "E", "F", "G", "A", "B", "c", "d", "e", "f", "g", "a", "b"];
    private static readonly string[] Chords = ["C", "G", "D", "Am", "Em", "F", "Dm", "A7", "G7"];
    private readonly Random _rnd = new(seed);

    /// <summary>A tune with a title, meter, unit length, key and two strains.</summary>
    public string Compose(int number)
    {
        var key = Keys[_rnd.Next(Keys.Length)];
        var (meter, units) = Meters[_rnd.Next(Meters.Length)];
        var sb = new StringBuilder();
        sb.Append("X:").Append(number).Append('\n');
        sb.Append("T:Sample Tune ").Append(number).Append('\n');
        sb.Append("C:MusicPile demo composer\n");
        sb.Append("M:").Append(meter).Append('\n');
        sb.Append("L:1/8\n");
        sb.Append("Q:1/4=").Append(90 + _rnd.Next(8) * 10).Append('\n');
        sb.Append("K:").Append(key).Append('\n');
        for (var strain = 0; strain < 2; strain++)
        {
            sb.Append("|:");
            for (var bar = 0; bar < 4; bar++)
            {
                if (bar % 2 == 0 && _rnd.Next(3) == 0)
                    sb.Append('"').Append(Chords[_rnd.Next(Chords.Length)]).Append('"');
                sb.Append(Bar(units)).Append(bar == 3 ? ":|" : "|");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private string Bar(int units)
    {
        var sb = new StringBuilder();
        var left = units;
        var pitch = _rnd.Next(3, 10);
        while (left > 0)
        {
            var len = left >= 2 && _rnd.Next(3) == 0 ? 2 : 1;
            pitch = Math.Clamp(pitch + _rnd.Next(-2, 3), 0, Pitches.Length - 1);
            sb.Append(Pitches[pitch]);
            if (len == 2)
                sb.Append('2');
            left -= len;
        }
        return sb.ToString();
    }

    /// <summary>The same tune with ornaments: a roll and a grace note on some notes, as players write them.</summary>
    public static string Ornament(string tune)
    {
        var lines = tune.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("|:", StringComparison.Ordinal))
                continue;
            var sb = new StringBuilder();
            var notes = 0;
            foreach (var c in lines[i])
            {
                if (char.IsLetter(c) && "ABCDEFGabcdefg".Contains(c, StringComparison.Ordinal) && ++notes % 5 == 0)
                    sb.Append('~');
                sb.Append(c);
            }
            lines[i] = sb.ToString();
        }
        return string.Join('\n', lines);
    }

    /// <summary>The same tune with one note changed in its second strain: a near duplicate.</summary>
    public static string ChangeOneNote(string tune)
    {
        var idx = tune.LastIndexOf("|:", StringComparison.Ordinal);
        for (var i = idx + 2; i < tune.Length; i++)
        {
            if (tune[i] is >= 'A' and <= 'G' or >= 'a' and <= 'g' && (i == 0 || tune[i - 1] != '"'))
            {
                var replacement = tune[i] == 'A' ? 'B' : 'A';
                return tune[..i] + replacement + tune[(i + 1)..];
            }
        }
        return tune;
    }
}
