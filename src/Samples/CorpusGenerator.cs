using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MusicPile.Samples;

/// <summary>
/// Writes MusicPile-shaped data of any size into a folder: ABC tunes (<c>abc/tunes-NNNN.abc</c>) derived from the shared
/// tunes with variations, and general text, music text, math and code (<c>text/{kind}-NNNN.jsonl.gz</c>, lines of
/// <c>{"id","text","src"}</c>) in MusicPile's token shares. The same options give byte-equal files.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>MusicPile's token shares (REFERENCE.md section 1); ABC sets the scale, the others follow from it.</summary>
    public static readonly IReadOnlyDictionary<string, double> TokenShares = new Dictionary<string, double>
    {
        ["abc"] = 0.184, ["general"] = 0.647, ["music-text"] = 0.104, ["math"] = 0.041, ["code"] = 0.024,
    };

    public static async Task<GeneratedCorpus> WriteAsync(string dir, CorpusGeneratorOptions options, CancellationToken ct)
    {
        options.Validate();
        Directory.CreateDirectory(Path.Combine(dir, "abc"));
        Directory.CreateDirectory(Path.Combine(dir, "text"));
        var tunes = TuneVariations.Load(Path.Combine(options.DatasetsDir, "abc"));
        var text = TextComposer.Load(Path.Combine(options.DatasetsDir, "text"));
        var docs = new Dictionary<string, long>();
        var bytes = new Dictionary<string, long>();
        var files = new List<string>();

        var tuneCount = (long)Math.Round(tunes.Count * options.Scale);
        var (abcDocs, abcBytes, abcFiles) = await WriteKindAsync(dir, "abc", tuneCount, long.MaxValue, options,
            (i, rng) => tunes.Variation(i, i + 1, rng), ct).ConfigureAwait(false);
        Record("abc", abcDocs, abcBytes, abcFiles);
        foreach (var kind in new[] { "general", "music-text", "math", "code" })
        {
            var budget = (long)(abcBytes * TokenShares[kind] / TokenShares["abc"]);
            Func<long, Random, string> make = kind switch
            {
                "general" => (_, rng) => text.General(rng),
                "music-text" => (_, rng) => text.Music(rng),
                "math" => (_, rng) => TextComposer.Math(rng),
                _ => (_, rng) => TextComposer.Code(rng),
            };
            var (n, b, f) = await WriteKindAsync(dir, kind, long.MaxValue, budget, options, make, ct).ConfigureAwait(false);
            Record(kind, n, b, f);
        }
        return new GeneratedCorpus(dir, options.Scale, options.Seed, docs.Values.Sum(), bytes.Values.Sum(), docs, bytes, files);

        void Record(string kind, long n, long b, IEnumerable<string> f)
        {
            docs[kind] = n;
            bytes[kind] = b;
            files.AddRange(f);
        }
    }

    /// <summary>
    /// Writes one kind's files, in parallel. Documents are made until <paramref name="count"/> or until the byte
    /// budget is spent; the budget is split evenly over the files up front so each file is independent of the others.
    /// </summary>
    private static async Task<(long Docs, long Bytes, List<string> Files)> WriteKindAsync(string dir, string kind, long count, long budget,
        CorpusGeneratorOptions options, Func<long, Random, string> make, CancellationToken ct)
    {
        var perFile = options.DocumentsPerFile;
        int fileCount;
        long bytesPerFile;
        if (count != long.MaxValue)
        {
            fileCount = (int)Math.Max(1, (count + perFile - 1) / perFile);
            bytesPerFile = long.MaxValue;
        }
        else
        {
            var estimate = (long)(budget / AverageBytes(kind));
            fileCount = (int)Math.Max(1, (estimate + perFile - 1) / perFile);
            bytesPerFile = Math.Max(1, budget / fileCount);
        }
        var results = new (long Docs, long Bytes, string Path)[fileCount];
        var kindSeed = StableHash(kind);
        await Parallel.ForAsync(0, fileCount, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (f, token) =>
        {
            var first = (long)f * perFile;
            var last = count == long.MaxValue ? long.MaxValue : Math.Min(count, first + perFile);
            results[f] = kind == "abc"
                ? await WriteAbcFileAsync(Path.Combine(dir, "abc", $"tunes-{f:0000}.abc"), first, last, options.Seed, make, token).ConfigureAwait(false)
                : await WriteJsonlFileAsync(Path.Combine(dir, "text", $"{kind}-{f:0000}.jsonl.gz"), kind, f, bytesPerFile, options.Seed ^ kindSeed, make, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return (results.Sum(r => r.Docs), results.Sum(r => r.Bytes), results.Select(r => r.Path).ToList());
    }

    private static async Task<(long, long, string)> WriteAbcFileAsync(string path, long first, long last, int seed, Func<long, Random, string> make, CancellationToken ct)
    {
        long bytes = 0;
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (var i = first; i < last; i++)
        {
            var tune = make(i, new Random(unchecked(seed * 1_000_003 + (int)i)));
            bytes += Encoding.UTF8.GetByteCount(tune);
            await writer.WriteAsync(tune.AsMemory(), ct).ConfigureAwait(false);
            await writer.WriteAsync("\n".AsMemory(), ct).ConfigureAwait(false);
        }
        return (last - first, bytes, path);
    }

    private static async Task<(long, long, string)> WriteJsonlFileAsync(string path, string kind, int file, long budget, int seed, Func<long, Random, string> make, CancellationToken ct)
    {
        var rng = new Random(unchecked(seed * 7919 + file));
        long bytes = 0, n = 0;
        await using (var fs = File.Create(path))
        await using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gz, new UTF8Encoding(false), 1 << 16))
        {
            while (bytes < budget)
            {
                var text = make(n, rng);
                var id = FormattableString.Invariant($"{kind}-{file}-{n}");
                await writer.WriteAsync(JsonSerializer.Serialize(new { id, text, src = kind }).AsMemory(), ct).ConfigureAwait(false);
                await writer.WriteAsync("\n".AsMemory(), ct).ConfigureAwait(false);
                bytes += Encoding.UTF8.GetByteCount(text);
                n++;
            }
        }
        return (n, bytes, path);
    }

    private static double AverageBytes(string kind) => kind switch
    {
        "general" => 2700,
        "music-text" => 900,
        "math" => 600,
        _ => 700,
    };

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
            h = unchecked(h * 31 + c);
        return h;
    }
}
