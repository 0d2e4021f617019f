namespace MusicPile.Tokenize.Tests;

public sealed class TiktokenTests
{
    [Fact]
    public async Task Gpt2EncodesHelloWorldToKnownIds()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("tiktoken:gpt2", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new[] { 15496, 995 }, tokenizer.Encode("Hello world"));
        Assert.Equal(50256, tokenizer.EosId);
        Assert.Equal(50257, tokenizer.VocabSize);
        Assert.Equal(new[] { 15496, 50256, 995 }, tokenizer.Encode("Hello</s> world"));
    }

    [Fact]
    public async Task VocabularyHashIsStableAndDistinguishesVocabularies()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await TokenizerFactory.CreateAsync("tiktoken:gpt2", cancellationToken: ct);
        var b = await TokenizerFactory.CreateAsync("tiktoken:gpt2", cancellationToken: ct);
        var c = await TokenizerFactory.CreateAsync("tiktoken:cl100k_base", cancellationToken: ct);
        Assert.Equal(a.VocabularyHash, b.VocabularyHash);
        Assert.NotEqual(a.VocabularyHash, c.VocabularyHash);
        Assert.Equal(100257, c.EosId);
    }

    [Fact]
    public async Task UnknownSpecIsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TokenizerFactory.CreateAsync("tiktoken:p99k", cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => TokenizerFactory.CreateAsync("bert", cancellationToken: TestContext.Current.CancellationToken));
    }
}
