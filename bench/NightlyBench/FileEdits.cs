using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace MusicPile.NightlyBench;

/// <summary>
/// A night's edits: a share of the files, drawn by a seeded generator, each with every record changed (tune titles
/// revised, text lines extended), so the night has that share of the records to read again.
/// </summary>
internal static class FileEdits
{
    public static (int Files, long Records) Apply(IReadOnlyList<string> files, double percent, int seed)
    {
        var rng = new Random(seed);
        var count = Math.Max(1, (int)Math.Round(files.Count * percent / 100));
        var chosen = files.OrderBy(_ => rng.Next()).Take(count).ToList();
        long records = 0;
        foreach (var f in chosen)
            records += f.EndsWith(".gz", StringComparison.Ordinal) ? EditJsonl(f) : EditAbc(f);
        return (chosen.Count, records);
    }

    private static long EditAbc(string path)
    {
        var lines = File.ReadAllLines(path);
        long n = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("T:", StringComparison.Ordinal))
            {
                lines[i] += " (revised)";
                n++;
            }
        }
        File.WriteAllLines(path, lines);
        return n;
    }

    private static long EditJsonl(string path)
    {
        var lines = new List<string>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8))
        {
            while (reader.ReadLine() is { } line)
            {
                var node = JsonNode.Parse(line)!.AsObject();
                node["text"] = node["text"]!.GetValue<string>() + " Revised.";
                lines.Add(node.ToJsonString());
            }
        }
        using (var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), new UTF8Encoding(false)))
        {
            foreach (var line in lines)
                writer.WriteLine(line);
        }
        return lines.Count;
    }
}
