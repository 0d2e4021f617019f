namespace MusicPile.Tokenize.Tests;

/// <summary>Uses the LLaMA-2 vocabulary (built via npm on first use; see <see cref="Llama2TokenizerTests"/>).</summary>
public sealed class SftEncoderTests
{
    private static readonly SftRecord Record = new("Write a reel in G major.", "", "X:1\nL:1/8\nM:4/4\nK:G\nGABc dedB|");

    [Fact]
    public async Task MasksTheAnswerOnlyAndMatchesWholeStringEncoding()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: TestContext.Current.CancellationToken);
        var encoded = new SftEncoder(tokenizer).Encode(Record);

        Assert.Equal(tokenizer.Encode(SftEncoder.Format(Record)), encoded.InputIds);
        Assert.Equal("Human: Write a reel in G major. </s> Assistant: X:1\nL:1/8\nM:4/4\nK:G\nGABc dedB| </s>", SftEncoder.Format(Record));
        var promptLength = tokenizer.Encode("Human: Write a reel in G major. </s> Assistant:").Length;
        Assert.All(encoded.LossMask![..promptLength], m => Assert.Equal(0, m));
        Assert.All(encoded.LossMask![promptLength..], m => Assert.Equal(1, m));
        Assert.Equal(2, encoded.InputIds[^1]);
        Assert.NotEqual(1, encoded.InputIds[0]);
    }

    [Fact]
    public async Task TruncatesPromptAndTotal()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("llama2", cancellationToken: TestContext.Current.CancellationToken);
        var longRecord = new SftRecord(string.Concat(Enumerable.Repeat("very long question ", 200)), "", string.Concat(Enumerable.Repeat("abc ", 200)));
        var encoded = new SftEncoder(tokenizer, new SftOptions { MaxPromptTokens = 100, MaxTotalTokens = 150 }).Encode(longRecord);
        Assert.Equal(150, encoded.Length);
        Assert.Equal(100, encoded.LossMask!.Count(m => m == 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SftOptions { MaxPromptTokens = 10, MaxTotalTokens = 5 }.Validate());
    }
}
