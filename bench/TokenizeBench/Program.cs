// dotnet run -c Release --project bench/TokenizeBench -- [datasets-dir]
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusicPile.Tokenize;
using TokenizeBench;

var datasets = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("MUSICPILE_DATASETS") ?? Path.GetFullPath("../shared/datasets");
var benchDir = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TokenizeBench.csproj")))!;
var nodeDir = Path.Combine(benchDir, "node");
var work = Directory.CreateTempSubdirectory("tokenizebench").FullName;

var docs = LoadCorpus(datasets);
var chars = docs.Sum(d => (long)d.Length);
Console.WriteLine($"corpus: {docs.Count} documents, {chars / 1e6:F1} M chars (text + ABC tunes from {datasets})");

var tokenizer = await TokenizerFactory.CreateAsync("llama2");
var vocabulary = await Llama2Package.LoadVocabularyAsync();
var tokenizerJson = Path.Combine(work, "tokenizer.json");
HfTokenizerJson.Write(vocabulary, tokenizerJson);

tokenizer.Encode(docs[0]);
var ours = new int[docs.Count][];
var watch = Stopwatch.StartNew();
for (var i = 0; i < docs.Count; i++)
    ours[i] = tokenizer.Encode(docs[i]);
watch.Stop();
var ourTokens = ours.Sum(d => (long)d.Length);
var ourRate = ourTokens / watch.Elapsed.TotalSeconds;
Console.WriteLine($"Microsoft.ML.Tokenizers (1 thread): {ourTokens:N0} tokens in {watch.Elapsed.TotalSeconds:F2} s = {ourRate:N0} tokens/s");

var docsPath = Path.Combine(work, "docs.jsonl");
await File.WriteAllLinesAsync(docsPath, docs.Select(d => JsonSerializer.Serialize(d)));
var idsPath = Path.Combine(work, "hf-ids.jsonl");
var node = new ProcessStartInfo("node", [Path.Combine(nodeDir, "bench.mjs"), tokenizerJson, docsPath, idsPath])
{
    WorkingDirectory = nodeDir,
    RedirectStandardOutput = true,
};
using (var process = Process.Start(node)!)
{
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        Console.Error.WriteLine($"node failed ({process.ExitCode}); run `npm ci` in {nodeDir} first");
        return 1;
    }
    using var result = JsonDocument.Parse(output);
    var hfTokens = result.RootElement.GetProperty("tokens").GetInt64();
    var hfSeconds = result.RootElement.GetProperty("seconds").GetDouble();
    var hfRate = hfTokens / hfSeconds;
    Console.WriteLine($"HF tokenizers 0.6.0 via node (1 call at a time): {hfTokens:N0} tokens in {hfSeconds:F2} s = {hfRate:N0} tokens/s");
    Console.WriteLine($"ratio (ours / HF): {ourRate / hfRate:F2}");
}

var hfIds = File.ReadLines(idsPath).Select(l => JsonSerializer.Deserialize<int[]>(l)!).ToList();
var same = Enumerable.Range(0, docs.Count).Count(i => ours[i].AsSpan().SequenceEqual(hfIds[i]));
Console.WriteLine($"identical ids: {same}/{docs.Count} documents");
var firstDiff = Enumerable.Range(0, docs.Count).FirstOrDefault(i => !ours[i].AsSpan().SequenceEqual(hfIds[i]), -1);
if (firstDiff >= 0)
{
    var at = 0;
    while (at < Math.Min(ours[firstDiff].Length, hfIds[firstDiff].Length) && ours[firstDiff][at] == hfIds[firstDiff][at])
        at++;
    string Show(int[] ids) => string.Join(' ', ids.Skip(Math.Max(0, at - 3)).Take(8));
    Console.WriteLine($"first difference: document {firstDiff} at token {at}: ours [{Show(ours[firstDiff])}] HF [{Show(hfIds[firstDiff])}]");
}
Directory.Delete(work, recursive: true);
return 0;

static List<string> LoadCorpus(string datasets)
{
    var docs = new List<string>();
    foreach (var file in Directory.EnumerateFiles(Path.Combine(datasets, "text"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
    {
        foreach (var line in File.ReadLines(file))
        {
            using var json = JsonDocument.Parse(line);
            docs.Add(json.RootElement.GetProperty("text").GetString()!);
        }
    }
    var tuneStart = new Regex("^X:", RegexOptions.Multiline);
    foreach (var file in Directory.EnumerateFiles(Path.Combine(datasets, "abc"), "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        docs.AddRange(tuneStart.Split(File.ReadAllText(file)).Skip(1).Select(t => "X:" + t.TrimEnd()));
    return docs;
}
