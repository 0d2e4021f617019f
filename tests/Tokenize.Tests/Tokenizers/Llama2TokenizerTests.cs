namespace MusicPile.Tokenize.Tests;

/// <summary>
/// Needs the LLaMA-2 vocabulary: when it is not yet in the tokenizer cache these tests build it, running
/// <c>npm pack llama-tokenizer-js@1.2.2</c> (npm must reach its registry, as in CI).
/// </summary>
public sealed class Llama2TokenizerTests
{
    [Fact]
    public async Task MatchesAllReferenceCasesOfLlamaTokenizerJs()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: ct);
        var script = await Llama2Package.EnsureScriptAsync(Llama2Package.DirectoryIn(null), ct);
        var cases = Llama2ReferenceCases.Parse(await File.ReadAllTextAsync(script, ct));

        Assert.Equal(12, cases.Count);
        var matched = 0;
        foreach (var (text, expected) in cases)
        {
            // llama-tokenizer-js's cases include BOS (1); ChatMusician adds none.
            Assert.Equal(1, expected[0]);
            Assert.Equal(expected[1..], tokenizer.Encode(text));
            Assert.Equal(text, tokenizer.Decode(expected[1..]));
            matched++;
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"llama2: {matched}/{cases.Count} reference cases match");
    }

    [Fact]
    public async Task ReportsLlama2Properties()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("llama2", tokenizer.Id);
        Assert.Equal(32000, tokenizer.VocabSize);
        Assert.Equal(2, tokenizer.EosId);
        Assert.Matches("^[0-9a-f]{64}$", tokenizer.VocabularyHash);
    }

    [Fact]
    public async Task LiteralEndOfSequenceBecomesEosIdAndNoBosIsAdded()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: TestContext.Current.CancellationToken);
        var ids = tokenizer.Encode("Human: hi </s> Assistant: X:1 </s>");
        Assert.NotEqual(1, ids[0]);
        Assert.Equal(2, ids.Count(id => id == 2));
        Assert.Equal(2, ids[^1]);
        Assert.Equal(tokenizer.Encode("Human: hi "), ids[..Array.IndexOf(ids, 2)]);
    }
}
