// dotnet run -c Release --project bench/TokenizeBench -- [datasets-dir] [--rounds N] [--fixtures tests/Tokenize.Tests/fixtures]
using System.Diagnostics;
using MusicPile.Tokenize;
using TokenizeBench;

var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var datasets = positional.Length > 0 ? positional[0] : Environment.GetEnvironmentVariable("MUSICPILE_DATASETS") ?? Path.GetFullPath("../shared/datasets");
var rounds = int.Parse(Option("--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
var benchDir = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TokenizeBench.csproj")))!;
var nodeDir = Path.Combine(benchDir, "node");
var work = Directory.CreateTempSubdirectory("tokenizebench").FullName;

var corpus = Corpus.Load(datasets);
var docs = corpus.Select(d => d.Text).ToList();
Console.WriteLine($"corpus: {docs.Count} documents, {docs.Sum(d => (long)d.Length) / 1e6:F1} M chars (text + ABC tunes from {datasets})");

var vocabulary = await Llama2Package.LoadVocabularyAsync();
var tokenizerJson = Path.Combine(work, "tokenizer.json");
HfTokenizerJson.Write(vocabulary, tokenizerJson);

try
{
    if (Option("--fixtures") is { } fixtures)
    {
        await GoldenFixtures.WriteAsync(corpus, fixtures, nodeDir, tokenizerJson, work);
        return 0;
    }

    // The loader's own encoder, for reference: it breaks equal-score ties differently from SentencePiece.
    var loader = await TokenizerFactory.CreateAsync("llama2");
    var loaderIds = docs.Select(d => loader.Inner.EncodeToIds(d.Replace(MusicTokenizer.EosLiteral, "", StringComparison.Ordinal)).ToArray()).ToArray();
    int[][]? hfIds = null;
    for (var round = 1; round <= rounds; round++)
    {
        // A fresh tokenizer each round, so its per-thread part cache starts empty like HF's cache in a fresh process.
        var tokenizer = await TokenizerFactory.CreateAsync("llama2");
        tokenizer.Encode("warm up");
        var ours = new int[docs.Count][];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < docs.Count; i++)
            ours[i] = tokenizer.Encode(docs[i]);
        watch.Stop();
        var ourTokens = ours.Sum(d => (long)d.Length);
        var ourRate = ourTokens / watch.Elapsed.TotalSeconds;
        var (ids, hfTokens, hfSeconds) = await NodeHf.EncodeAsync(nodeDir, tokenizerJson, docs, work);
        hfIds = ids;
        var hfRate = hfTokens / hfSeconds;
        Console.WriteLine($"round {round}: ours (1 thread) {ourTokens:N0} tokens in {watch.Elapsed.TotalSeconds:F2} s = {ourRate:N0} tokens/s; " +
            $"HF tokenizers 0.6.0 via node {hfTokens:N0} tokens in {hfSeconds:F2} s = {hfRate:N0} tokens/s; ratio (ours / HF) {ourRate / hfRate:F2}");
        if (round == rounds)
            Report("ours", ours, hfIds);
    }
    if (hfIds is not null)
        Report("LlamaTokenizer's own encoder (no </s> handling, compared where the text has none)", loaderIds, hfIds, docs.Select(d => !d.Contains(MusicTokenizer.EosLiteral, StringComparison.Ordinal)).ToArray());
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void Report(string name, int[][] ours, int[][] hf, bool[]? include = null)
{
    var compared = Enumerable.Range(0, ours.Length).Where(i => include?[i] ?? true).ToList();
    var same = compared.Count(i => ours[i].AsSpan().SequenceEqual(hf[i]));
    Console.WriteLine($"identical ids, {name}: {same}/{compared.Count} documents");
    var firstDiff = compared.FirstOrDefault(i => !ours[i].AsSpan().SequenceEqual(hf[i]), -1);
    if (firstDiff < 0)
        return;
    var at = 0;
    while (at < Math.Min(ours[firstDiff].Length, hf[firstDiff].Length) && ours[firstDiff][at] == hf[firstDiff][at])
        at++;
    string Show(int[] ids) => string.Join(' ', ids.Skip(Math.Max(0, at - 3)).Take(8));
    Console.WriteLine($"  first difference: document {firstDiff} at token {at}: {name} [{Show(ours[firstDiff])}] HF [{Show(hf[firstDiff])}]");
}
