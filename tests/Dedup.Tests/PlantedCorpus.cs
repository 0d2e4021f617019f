using System.Text;
using MusicPile.Dedup;

namespace MusicPile.Dedup.Tests;

/// <summary>What a generated document is: an original or a planted copy of original <see cref="Group"/>.</summary>
internal enum Planted
{
    Original,
    Exact,
    Near,
    Transposed,
}

internal sealed record PlantedDocument(DedupDocument Document, int Group, Planted Kind);

/// <summary>
/// Generates distinct prose and ABC tunes plus planted copies: exact (with trailing blanks), near (a few words or
/// notes changed, about 0.85-0.9 shingle Jaccard) and transposed tunes (other text, same fingerprint).
/// </summary>
internal static class PlantedCorpus
{
    private static readonly string[] Pitches = ["C", "D", "E", "F", "G", "A", "B", "c", "d", "e", "f", "g", "a", "b"];
    private static readonly string[] Lengths = ["", "", "", "2", "/2", "3", "4"];

    public static List<PlantedDocument> Generate(int seed, int texts, int tunes, double copyRate = 0.3)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 4000).Select(_ => RandomWord(random)).Distinct().ToArray();
        var docs = new List<PlantedDocument>();
        var originals = new List<(string Text, string Kind, string? Fingerprint, int Group)>();
        for (var i = 0; i < texts; i++)
            originals.Add((string.Join(' ', Enumerable.Range(0, random.Next(120, 260)).Select(_ => vocabulary[random.Next(vocabulary.Length)])), "text", null, originals.Count));
        for (var i = 0; i < tunes; i++)
            originals.Add((RandomTune(random), "abc", $"melody-{originals.Count}", originals.Count));

        foreach (var o in originals)
            docs.Add(Make(docs.Count, o.Text, o.Kind, o.Fingerprint, o.Group, Planted.Original));
        foreach (var o in originals)
        {
            if (random.NextDouble() < copyRate)
                docs.Add(Make(docs.Count, o.Text.Replace("\n", "  \n") + "\n\n", o.Kind, o.Fingerprint, o.Group, Planted.Exact));
            if (random.NextDouble() < copyRate)
                docs.Add(Make(docs.Count, o.Kind == "abc" ? ChangeNotes(o.Text, random) : ChangeWords(o.Text, vocabulary, random), o.Kind, o.Kind == "abc" ? $"variant-{docs.Count}" : null, o.Group, Planted.Near));
            if (o.Kind == "abc" && random.NextDouble() < copyRate)
                docs.Add(Make(docs.Count, Transpose(o.Text), o.Kind, o.Fingerprint, o.Group, Planted.Transposed));
        }
        return docs;
    }

    public static async IAsyncEnumerable<DedupDocument> Stream(IEnumerable<PlantedDocument> docs)
    {
        foreach (var d in docs)
            yield return d.Document;
        await Task.CompletedTask;
    }

    private static PlantedDocument Make(int index, string text, string kind, string? fingerprint, int group, Planted planted) =>
        new(new DedupDocument(1000 + index, text, kind, "planted", fingerprint, index % 3, index), group, planted);

    private static string RandomWord(Random random)
    {
        var chars = new char[random.Next(3, 10)];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = (char)('a' + random.Next(26));
        return new string(chars);
    }

    private static string RandomTune(Random random)
    {
        var sb = new StringBuilder("X:1\nT:Generated\nL:1/8\nM:4/4\nK:G\n");
        var bars = random.Next(24, 40);
        for (var b = 0; b < bars; b++)
        {
            for (var n = 0; n < 6; n++)
                sb.Append(Pitches[random.Next(Pitches.Length)]).Append(Lengths[random.Next(Lengths.Length)]);
            sb.Append(b % 4 == 3 ? "|\n" : "|");
        }
        return sb.ToString();
    }

    /// <summary>About one word in 60 replaced.</summary>
    private static string ChangeWords(string text, string[] vocabulary, Random random)
    {
        var words = text.Split(' ');
        for (var k = 0; k < Math.Max(1, words.Length / 60); k++)
            words[random.Next(words.Length)] = vocabulary[random.Next(vocabulary.Length)];
        return string.Join(' ', words);
    }

    /// <summary>About one note in 25 changed, in the body only.</summary>
    private static string ChangeNotes(string tune, Random random)
    {
        var lines = tune.Split('\n');
        var body = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains('|')).ToArray();
        var changes = Math.Max(2, body.Length / 2);
        for (var k = 0; k < changes; k++)
        {
            var line = body[random.Next(body.Length)];
            var chars = lines[line].ToCharArray();
            var spots = Enumerable.Range(0, chars.Length).Where(i => char.IsAsciiLetter(chars[i])).ToArray();
            var at = spots[random.Next(spots.Length)];
            chars[at] = chars[at] == 'G' ? 'E' : 'G';
            lines[line] = new string(chars);
        }
        return string.Join('\n', lines);
    }

    /// <summary>Moves every pitch up a step (a stand-in for a transposed copy: every note token differs).</summary>
    private static string Transpose(string tune)
    {
        var lines = tune.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length >= 2 && lines[i][1] == ':')
                continue;
            lines[i] = new string(lines[i].Select(c => c switch
            {
                >= 'A' and < 'G' => (char)(c + 1), 'G' => 'A',
                >= 'a' and < 'g' => (char)(c + 1), 'g' => 'a',
                _ => c,
            }).ToArray());
        }
        return string.Join('\n', lines).Replace("K:G", "K:A");
    }
}
