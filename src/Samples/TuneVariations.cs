using System.Collections.Concurrent;
using System.Text;
using MusicPile.Abc;

namespace MusicPile.Samples;

/// <summary>
/// The shared tunes and variations of them: variation 0 is the tune as it is; later ones are transposed (sometimes),
/// have about a fifth of their notes moved a step, and get a few rolls, so they are new tunes rather than copies.
/// </summary>
internal sealed class TuneVariations
{
    private static readonly int[] Transpositions = [-2, 2, 5, 7];
    private readonly IReadOnlyList<string> _tunes;
    private readonly ConcurrentDictionary<(int, int), string> _transposed = new();

    private TuneVariations(IReadOnlyList<string> tunes) => _tunes = tunes;

    public int Count => _tunes.Count;

    public static TuneVariations Load(string abcDir)
    {
        var tunes = new List<string>();
        foreach (var file in Directory.EnumerateFiles(abcDir, "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var current = new StringBuilder();
            foreach (var line in File.ReadLines(file, Encoding.Latin1))
            {
                if (line.StartsWith("X:", StringComparison.Ordinal))
                {
                    Flush(current, tunes);
                    current.Clear();
                }
                if (current.Length > 0 || line.StartsWith("X:", StringComparison.Ordinal))
                    current.Append(line.TrimEnd('\r')).Append('\n');
            }
            Flush(current, tunes);
        }
        return new TuneVariations(tunes);
    }

    /// <summary>Tune <paramref name="index"/> of the generated stream, numbered <paramref name="x"/>.</summary>
    public string Variation(long index, long x, Random rng)
    {
        var source = (int)(index % _tunes.Count);
        var variation = index / _tunes.Count;
        var tune = _tunes[source];
        if (variation > 0)
        {
            if (rng.Next(4) == 0)
            {
                var t = Transpositions[rng.Next(Transpositions.Length)];
                tune = _transposed.GetOrAdd((source, t), k => Transpose(_tunes[k.Item1], k.Item2));
            }
            tune = Mutate(tune, rng);
        }
        var newline = tune.IndexOf('\n', StringComparison.Ordinal);
        return FormattableString.Invariant($"X:{x}") + (newline < 0 ? "\n" : tune[newline..]);
    }

    private static string Transpose(string tune, int semitones)
    {
        try
        {
            var parsed = AbcDocument.ParseTune(tune);
            return parsed is null ? tune : AbcWriter.Write(AbcTransposer.Transpose(parsed, semitones));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            return tune;
        }
    }

    /// <summary>Moves about one note in five a step up or down and rolls about one in twenty, in the body lines only.</summary>
    private static string Mutate(string tune, Random rng)
    {
        var sb = new StringBuilder(tune.Length + 16);
        var inBody = false;
        foreach (var line in tune.Split('\n'))
        {
            var isField = line.Length > 1 && line[1] == ':' && char.IsLetter(line[0]);
            if (!inBody || isField || line.StartsWith('%'))
            {
                sb.Append(line).Append('\n');
                if (line.StartsWith("K:", StringComparison.Ordinal))
                    inBody = true;
                continue;
            }
            var inQuote = false;
            var inBang = false;
            foreach (var c in line)
            {
                if (c == '"')
                    inQuote = !inQuote;
                else if (c == '!')
                    inBang = !inBang;
                var isNote = !inQuote && !inBang && c is >= 'a' and <= 'g' or >= 'A' and <= 'G';
                if (isNote && rng.Next(20) == 0)
                    sb.Append('~');
                sb.Append(isNote && rng.Next(5) == 0 ? Step(c, rng.Next(2) == 0 ? 1 : -1) : c);
            }
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static char Step(char note, int by)
    {
        var lower = char.IsLower(note);
        var i = (char.ToLowerInvariant(note) - 'a' + by + 7) % 7;
        var c = (char)('a' + i);
        return lower ? c : char.ToUpperInvariant(c);
    }

    private static void Flush(StringBuilder current, List<string> tunes)
    {
        var text = current.ToString().Trim();
        if (text.Length > 0 && text.Contains("\nK:", StringComparison.Ordinal))
            tunes.Add(text + "\n");
    }
}
