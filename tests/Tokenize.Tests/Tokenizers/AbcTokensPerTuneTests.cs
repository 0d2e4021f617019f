using System.Text.RegularExpressions;

namespace MusicPile.Tokenize.Tests;

/// <summary>
/// LLaMA-2 tokens per tune on the shared ABC collections (needs the shared datasets, and the vocabulary built via npm
/// on first use). ChatMusician reports about 288 tokens per tune on its cleaned ABC.
/// </summary>
public sealed partial class AbcTokensPerTuneTests
{
    [Fact]
    public async Task MeanTokensPerTuneIsNearChatMusiciansFigure()
    {
        var datasets = TestPaths.RequireDatasets();
        var ct = TestContext.Current.CancellationToken;
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: ct);
        var tunes = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(datasets, "abc"), "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, ct);
            tunes.AddRange(TuneStart().Split(text).Skip(1).Select(t => "X:" + t.TrimEnd()));
        }
        Assert.True(tunes.Count > 10000, $"only {tunes.Count} tunes found");

        var totals = new long[tunes.Count];
        Parallel.For(0, tunes.Count, i => totals[i] = tokenizer.Encode(tunes[i]).Length);
        var mean = totals.Average();
        TestContext.Current.TestOutputHelper?.WriteLine($"llama2 tokens per tune: mean {mean:F1} over {tunes.Count} tunes (ChatMusician: about 288)");
        Console.WriteLine($"llama2 tokens per tune: mean {mean:F1} over {tunes.Count} tunes (ChatMusician: about 288)");
        Assert.InRange(mean, 100, 600);
    }

    [GeneratedRegex("^X:", RegexOptions.Multiline)]
    private static partial Regex TuneStart();
}
