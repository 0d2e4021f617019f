using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MusicPile.Tokenize.Tests;

/// <summary>
/// LLaMA-2 ids against Hugging Face <c>tokenizers</c>, saved in <c>fixtures/</c> by
/// <c>dotnet run -c Release --project bench/TokenizeBench -- --fixtures tests/Tokenize.Tests/fixtures</c>.
/// Builds the vocabulary with npm when it is not cached, as <see cref="Llama2TokenizerTests"/> does.
/// </summary>
public sealed class Llama2HuggingFaceGoldenTests
{
    private static readonly string Fixtures = Path.Combine(TestPaths.RepoRoot, "tests", "Tokenize.Tests", "fixtures");

    [Fact]
    public async Task EqualScoresGoToTheLeftmostPairAsInSentencePiece()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: TestContext.Current.CancellationToken);
        // "▁a" "###" "b": the two "##" merges score the same, so the left one is made first: "##" "#".
        Assert.Equal([263, 2277, 29937, 29890], tokenizer.Encode("a###b"));
    }

    [Fact]
    public async Task HandWrittenCasesMatchHuggingFace()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: ct);
        using var cases = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, "llama2-hf-cases.json"), ct));
        var failures = new List<string>();
        foreach (var item in cases.RootElement.EnumerateArray())
        {
            var text = item.GetProperty("text").GetString()!;
            var expected = item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var actual = tokenizer.Encode(text);
            if (!actual.SequenceEqual(expected))
                failures.Add($"{JsonSerializer.Serialize(text)}: [{string.Join(' ', actual)}], HF [{string.Join(' ', expected)}]");
        }
        Assert.True(cases.RootElement.GetArrayLength() >= 40);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task CorpusSnippetsMatchHuggingFace()
    {
        var datasets = TestPaths.RequireDatasets();
        var ct = TestContext.Current.CancellationToken;
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: ct);
        var snippets = await LoadSnippetsAsync(datasets, ct);
        var failures = snippets
            .Where(s => !tokenizer.Encode(s.Text).SequenceEqual(s.Ids))
            .Select(s => $"{s.Where}: [{string.Join(' ', tokenizer.Encode(s.Text))}], HF [{string.Join(' ', s.Ids)}]")
            .ToList();
        Assert.Equal(300, snippets.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} of {snippets.Count} snippets differ:\n" + string.Join('\n', failures.Take(10)));
    }

    [Fact]
    public async Task RepeatedAndParallelEncodingGiveTheSameIds()
    {
        var datasets = TestPaths.RequireDatasets();
        var ct = TestContext.Current.CancellationToken;
        var snippets = await LoadSnippetsAsync(datasets, ct);
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: ct);
        var texts = Enumerable.Repeat(snippets.Select(s => s.Text), 4).SelectMany(t => t).ToArray();
        var expected = Enumerable.Repeat(snippets.Select(s => s.Ids), 4).SelectMany(t => t).ToArray();
        var parallel = new int[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, i => parallel[i] = tokenizer.Encode(texts[i]));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i], parallel[i]);
            Assert.Equal(expected[i], tokenizer.Encode(texts[i]));
        }
    }

    private static async Task<List<(string Where, string Text, int[] Ids)>> LoadSnippetsAsync(string datasets, CancellationToken ct)
    {
        var snippets = new List<(string, string, int[])>();
        var files = new Dictionary<string, string[]>();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Fixtures, "llama2-hf-corpus.jsonl"), ct))
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            var file = root.GetProperty("file").GetString()!;
            if (!files.TryGetValue(file, out var lines))
            {
                var path = Path.Combine(datasets, file);
                lines = file.EndsWith(".jsonl", StringComparison.Ordinal) ? await File.ReadAllLinesAsync(path, ct) : [await File.ReadAllTextAsync(path, ct)];
                files[file] = lines;
            }
            var document = root.GetProperty("line").ValueKind == JsonValueKind.Number
                ? JsonDocument.Parse(lines[root.GetProperty("line").GetInt32()]).RootElement.GetProperty("text").GetString()!
                : lines[0];
            var text = document.Substring(root.GetProperty("offset").GetInt32(), root.GetProperty("length").GetInt32());
            var where = $"{file} line {root.GetProperty("line")} offset {root.GetProperty("offset")}";
            Assert.True(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))) == root.GetProperty("sha256").GetString(),
                $"{where}: the shared data changed since the fixture was written");
            snippets.Add((where, text, root.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray()));
        }
        return snippets;
    }
}
