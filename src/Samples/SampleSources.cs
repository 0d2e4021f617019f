using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MusicPile.Abc;
using MusicPile.Core.Text;

namespace MusicPile.Samples;

/// <summary>
/// Writes the demo's sources: composed tunes with planted exact, transposed, ornamented and near duplicates, broken
/// tunes and bad encodings, music text and chat records, and a binary file and a truncated gzip that must be
/// quarantined. <see cref="Planted"/> says what was planted, so results can be checked.
/// </summary>
public static class SampleSources
{
    public sealed record Planted(int Tunes, int ExactCopies, int TransposedCopies, int OrnamentedCopies, int NearCopies,
        int BrokenTunes, int Cp1252Files, int TextDocuments, int ChatRecords, int InvalidJsonLines, int BinaryFiles, int TruncatedGzipFiles);

    public static Planted Write(string dir, int tunes = 240, int seed = 7)
    {
        Directory.CreateDirectory(Path.Combine(dir, "abc"));
        Directory.CreateDirectory(Path.Combine(dir, "text"));
        var composer = new SampleTuneComposer(seed);
        var originals = Enumerable.Range(1, tunes).Select(composer.Compose).ToList();
        int exact = 0, transposed = 0, ornamented = 0, near = 0;
        var copies = new StringBuilder();
        for (var i = 0; i < originals.Count; i++)
        {
            switch (i % 8)
            {
                case 1:
                    copies.Append(originals[i]).Append('\n');
                    exact++;
                    break;
                case 3:
                    var tune = AbcDocument.ParseTune(originals[i])!;
                    copies.Append(AbcWriter.Write(AbcTransposer.Transpose(tune, 5))).Append('\n');
                    transposed++;
                    break;
                case 5:
                    copies.Append(SampleTuneComposer.Ornament(originals[i])).Append('\n');
                    ornamented++;
                    break;
                case 7:
                    copies.Append(SampleTuneComposer.ChangeOneNote(originals[i])).Append('\n');
                    near++;
                    break;
            }
        }
        for (var part = 0; part < 4; part++)
        {
            var chunk = originals.Where((_, i) => i % 4 == part).Select(t => t + "\n");
            File.WriteAllText(Path.Combine(dir, "abc", $"composed-{part}.abc"), string.Concat(chunk));
        }
        File.WriteAllText(Path.Combine(dir, "abc", "copies.abc"), copies.ToString());
        File.WriteAllText(Path.Combine(dir, "abc", "broken.abc"),
            "X:1\nT:No key at all\nM:4/4\nL:1/8\nABcd efga|\n\nX:2\nT:Key but no music\nM:3/4\nK:D\n\n");
        // A tune saved by an old editor in Windows-1252: the title has an accented letter.
        var cp1252 = "X:1\nT:Caf\u00e9 Waltz\nM:3/4\nL:1/8\nK:F\n|:A2 c2 f2|e2 d2 c2|B2 d2 g2|f6:|\n";
        File.WriteAllBytes(Path.Combine(dir, "abc", "legacy-cp1252.abc"), Latin1(cp1252));
        File.WriteAllBytes(Path.Combine(dir, "abc", "not-music.abc"), [0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0]);

        var texts = MusicText(seed);
        WriteJsonl(Path.Combine(dir, "text", "music-text.jsonl"), texts.Select((t, i) => (object)new { id = $"t{i}", text = t, src = "demo-music-text" }), badLine: true);
        var chats = originals.Take(24).Select((t, i) => (object)new
        {
            id = $"c{i}",
            text = ChatTemplate.Round($"Compose a tune in the style of tune {i + 1}.", AbcNormalizer.Normalize(AbcDocument.ParseTune(t)!).Text),
            src = "demo-chat",
        }).ToList();
        WriteJsonl(Path.Combine(dir, "text", "chat.jsonl"), chats, badLine: false);
        var gz = Gzip(Encoding.UTF8.GetBytes(string.Join('\n', texts.Take(10).Select(t => JsonSerializer.Serialize(new { text = t })))));
        File.WriteAllBytes(Path.Combine(dir, "text", "truncated.jsonl.gz"), gz[..(gz.Length * 2 / 3)]);
        return new Planted(tunes, exact, transposed, ornamented, near, 2, 1, texts.Count, chats.Count, 1, 1, 1);
    }

    private static List<string> MusicText(int seed)
    {
        string[] subjects = ["The fiddle", "A tin whistle", "The melody", "This reel", "The second strain", "A slow air", "The accordion part", "This jig"];
        string[] verbs = ["opens with", "leans on", "returns to", "decorates", "answers", "climbs towards", "falls back to", "repeats"];
        string[] objects = ["a rising arpeggio", "the dominant chord", "a rolled note on the third beat", "the tonic in the low octave",
            "a dotted rhythm", "the relative minor", "a cadence on the fifth", "a short motif of three notes"];
        string[] endings = ["before the repeat.", "in every second bar.", "as dancers expect.", "while the bass holds a drone.", "and then rests."];
        var rnd = new Random(seed);
        var docs = new List<string>();
        for (var d = 0; d < 60; d++)
        {
            var sb = new StringBuilder();
            var sentences = 3 + rnd.Next(6);
            for (var s = 0; s < sentences; s++)
            {
                sb.Append(subjects[rnd.Next(subjects.Length)]).Append(' ').Append(verbs[rnd.Next(verbs.Length)]).Append(' ')
                  .Append(objects[rnd.Next(objects.Length)]).Append(' ').Append(endings[rnd.Next(endings.Length)]).Append(' ');
            }
            docs.Add(sb.ToString().Trim());
        }
        docs.Add("ok");                                  // too short: rejected by the quality filter
        docs.Add(string.Concat(Enumerable.Repeat("la la la la la la\n", 40)));   // repetitive: rejected
        return docs;
    }

    private static void WriteJsonl(string path, IEnumerable<object> rows, bool badLine)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
            sb.Append(JsonSerializer.Serialize(r)).Append('\n');
        if (badLine)
            sb.Append("{\"text\": \"an unfinished record\n");
        File.WriteAllText(path, sb.ToString());
    }

    private static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s);

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal))
            gz.Write(data);
        return ms.ToArray();
    }
}
