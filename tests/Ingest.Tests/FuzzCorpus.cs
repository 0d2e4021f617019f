using System.IO.Compression;
using System.Text;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Ingest.Tests;

/// <summary>Writes seeded broken (and some valid) input files for each reader kind; returns their paths.</summary>
internal static class FuzzCorpus
{
    private const string Tune = "X:1\nT:Fuzz\nM:4/4\nL:1/8\nK:D\nDEFG ABcd|efge dcBA|\n";

    public static async Task<IReadOnlyList<string>> WriteAsync(string dir, int seed, int casesPerKind)
    {
        var rng = new Random(seed);
        var files = new List<string>();
        foreach (var kind in new[] { "abc", "jsonl", "parquet", "text" })
        {
            Directory.CreateDirectory(Path.Combine(dir, kind));
            for (var i = 0; i < casesPerKind; i++)
            {
                var (name, bytes) = kind switch
                {
                    "abc" => Abc(rng, i),
                    "jsonl" => Jsonl(rng, i),
                    "parquet" => ($"case-{i:000}.parquet", Mangle(rng, await ValidParquetAsync(dir, rng))),
                    _ => Text(rng, i),
                };
                var path = Path.Combine(dir, kind, name);
                await File.WriteAllBytesAsync(path, bytes);
                files.Add(path);
            }
        }
        return files;
    }

    private static (string, byte[]) Abc(Random rng, int i) => (rng.Next(6)) switch
    {
        0 => ($"case-{i:000}.abc", RandomBytes(rng, rng.Next(1, 3000))),
        1 => ($"case-{i:000}.abc", []),
        2 => ($"case-{i:000}.abc.gz", Cut(rng, Gzip(Repeat(Tune, rng.Next(1, 40))))),
        3 => ($"case-{i:000}.abc", [.. Encoding.UTF8.GetBytes("X:1\nT:Caf"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\nK:C\nCDE|\n")]),
        4 => ($"case-{i:000}.abc", Encoding.UTF8.GetBytes(Repeat(Tune.Replace("K:D\n", "", StringComparison.Ordinal), rng.Next(1, 5)) + new string('A', rng.Next(0, 200_000)))),
        _ => ($"case-{i:000}.abc", Flip(rng, Encoding.UTF8.GetBytes(Repeat(Tune + "\n", rng.Next(1, 20))))),
    };

    private static (string, byte[]) Jsonl(Random rng, int i)
    {
        var good = $"{{\"id\":\"{i}\",\"text\":\"A reel in D major with a lively second part, played twice through.\"}}\n";
        return rng.Next(8) switch
        {
            0 => ($"case-{i:000}.jsonl", RandomBytes(rng, rng.Next(1, 3000))),
            1 => ($"case-{i:000}.jsonl", []),
            2 => ($"case-{i:000}.jsonl.gz", Cut(rng, Gzip(Repeat(good, rng.Next(1, 200))))),
            3 => ($"case-{i:000}.jsonl", Encoding.UTF8.GetBytes(good + "{\"text\":\"" + new string('x', rng.Next(5000, 100_000)) + "\"}\n" + good)),
            4 => ($"case-{i:000}.jsonl", Encoding.UTF8.GetBytes(good + "{\"text\":" + new string('[', rng.Next(100, 20_000)) + "\n" + good)),
            5 => ($"case-{i:000}.jsonl", [.. Encoding.UTF8.GetBytes(good + "{\"text\":\"bad "), 0xED, 0xA0, 0x80, 0xC0, .. Encoding.UTF8.GetBytes(" end\"}\n")]),
            6 => ($"case-{i:000}.jsonl.gz", Flip(rng, Gzip(Repeat(good, rng.Next(5, 100))))),
            _ => ($"case-{i:000}.jsonl", Flip(rng, Encoding.UTF8.GetBytes(Repeat(good, rng.Next(1, 50))))),
        };
    }

    private static (string, byte[]) Text(Random rng, int i) => rng.Next(5) switch
    {
        0 => ($"case-{i:000}.txt", RandomBytes(rng, rng.Next(1, 3000))),
        1 => ($"case-{i:000}.md", []),
        2 => ($"case-{i:000}.txt", Encoding.UTF8.GetBytes(new string('y', rng.Next(70_000, 200_000)))),
        3 => ($"case-{i:000}.md", [.. Encoding.UTF8.GetBytes("# Modes\n\nThe Dorian mode "), 0xFE, 0xFF, 0x80, .. Encoding.UTF8.GetBytes(" has a raised sixth.\n")]),
        _ => ($"case-{i:000}.txt.gz", Cut(rng, Gzip(Repeat("The fiddle answers the whistle in the second part of the tune.\n", rng.Next(1, 400))))),
    };

    private static async Task<byte[]> ValidParquetAsync(string dir, Random rng)
    {
        var path = Path.Combine(dir, $"valid-{Guid.NewGuid():N}.tmp");
        await using (var w = CorpusShardWriter.Create(path))
        {
            var rows = rng.Next(1, 300);
            for (var r = 0; r < rows; r++)
            {
                var text = $"Row {r}: a hornpipe in {(char)('A' + rng.Next(7))} with dotted rhythms throughout the tune.";
                await w.WriteAsync(new CorpusRecord(r, text, "fuzz", CorpusRecord.Kinds.Text, ContentHash.Of(text), "fuzz", "{}"), CancellationToken.None);
            }
            await w.CompleteAsync(CancellationToken.None);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>A valid file, cut short, with bytes flipped, replaced by noise, or left as it is.</summary>
    private static byte[] Mangle(Random rng, byte[] valid) => rng.Next(5) switch
    {
        0 => Cut(rng, valid),
        1 => Flip(rng, valid),
        2 => RandomBytes(rng, rng.Next(0, 2000)),
        3 => [],
        _ => valid,
    };

    private static byte[] Cut(Random rng, byte[] b) => b.Length < 2 ? b : b[..rng.Next(1, b.Length)];

    private static byte[] Flip(Random rng, byte[] b)
    {
        var copy = (byte[])b.Clone();
        for (var k = 0; k < 1 + rng.Next(8) && copy.Length > 0; k++)
            copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
        return copy;
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }
}
