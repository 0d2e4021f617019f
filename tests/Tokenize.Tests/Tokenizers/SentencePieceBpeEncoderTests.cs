using System.Diagnostics;
using System.Text.Json;

namespace MusicPile.Tokenize.Tests;

/// <summary>
/// Our BPE encoder against SentencePiece itself: Debian's <c>spm_encode</c> (<c>apt-get install -y sentencepiece</c>)
/// on models trained here and on the LLaMA-2 model; skipped when the tools are absent.
/// </summary>
public sealed class SentencePieceBpeEncoderTests
{
    private static readonly string[] Lines =
    [
        "aaaa aaaaa aaa", "####   ###", "=== ====== =", "||::|| |: abc :|", "   leading and trailing   ",
        "ABC abc ABCabc cabCAB", "ü ñ 日本 😀 𝄞", "x  y   z    w", "G2 A2 | B4 | c8 ||", "a\tb",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TrainedModelsEncodeAsSpmEncode(bool removeExtraWhiteSpaces)
    {
        SkipWithoutSentencePiece();
        var ct = TestContext.Current.CancellationToken;
        var dir = TestPaths.NewTempDir();
        var text = Path.Combine(dir, "train.txt");
        var random = new Random(11);
        const string alphabet = "abcABC#=|: ";
        var training = Enumerable.Range(0, 2000).Select(_ => new string(Enumerable.Range(0, random.Next(5, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
        await File.WriteAllLinesAsync(text, training, ct);
        var prefix = Path.Combine(dir, "m");
        await RunAsync("spm_train", null, ct, $"--input={text}", $"--model_prefix={prefix}", "--vocab_size=320", "--model_type=bpe",
            "--normalization_rule_name=identity", "--byte_fallback=true", $"--remove_extra_whitespaces={(removeExtraWhiteSpaces ? "true" : "false")}",
            "--allow_whitespace_only_pieces=true", "--character_coverage=1.0", "--minloglevel=2");
        var tokenizer = await TokenizerFactory.LoadSentencePieceAsync("sentencepiece:test", prefix + ".model", ct);
        await AssertSameAsSpmEncodeAsync(tokenizer, prefix + ".model", Lines, ct);
    }

    [Fact]
    public async Task Llama2EncodesAsSpmEncode()
    {
        SkipWithoutSentencePiece();
        var ct = TestContext.Current.CancellationToken;
        var model = await Llama2Package.EnsureModelAsync(cancellationToken: ct);
        var tokenizer = await TokenizerFactory.LoadSentencePieceAsync("llama2", model, ct);
        using var cases = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "tests", "Tokenize.Tests", "fixtures", "llama2-hf-cases.json"), ct));
        var lines = cases.RootElement.EnumerateArray().Select(c => c.GetProperty("text").GetString()!)
            .Where(t => t.Trim().Length > 0 && t.IndexOfAny(['\n', '\r', '\0']) < 0 && !t.Contains(MusicTokenizer.EosLiteral, StringComparison.Ordinal))
            .Concat(Lines)
            .ToArray();
        await AssertSameAsSpmEncodeAsync(tokenizer, model, lines, ct);
    }

    private static async Task AssertSameAsSpmEncodeAsync(MusicTokenizer tokenizer, string model, string[] lines, CancellationToken ct)
    {
        var output = await RunAsync("spm_encode", string.Join('\n', lines) + "\n", ct, $"--model={model}", "--output_format=id");
        var expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, expected.Length);
        for (var i = 0; i < lines.Length; i++)
            Assert.True(string.Join(' ', tokenizer.Encode(lines[i])) == expected[i], $"{JsonSerializer.Serialize(lines[i])}: [{string.Join(' ', tokenizer.Encode(lines[i]))}], spm_encode [{expected[i]}]");
    }

    private static void SkipWithoutSentencePiece()
    {
        Prerequisite.Tool("spm_train", "apt-get install -y sentencepiece");
        Prerequisite.Tool("spm_encode", "apt-get install -y sentencepiece");
    }

    private static async Task<string> RunAsync(string program, string? input, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (input is not null)
            await process.StandardInput.WriteAsync(input.AsMemory(), ct);
        process.StandardInput.Close();
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
