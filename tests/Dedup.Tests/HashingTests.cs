using System.Text;
using MusicPile.Dedup;
using MusicPile.Dedup.Hashing;
using MusicPile.Dedup.Shingling;

namespace MusicPile.Dedup.Tests;

public sealed class HashingTests
{
    [Theory]
    [InlineData("", 0UL, 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0UL, 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0UL, 0x44BC2CF5AD770999UL)]
    [InlineData("Nobody inspects the spammish repetition", 0UL, 0xFBCEA83C8A378BF1UL)]
    public void XxHash64MatchesReferenceValues(string text, ulong seed, ulong expected) =>
        Assert.Equal(expected, XxHash64.Hash(Encoding.UTF8.GetBytes(text), seed));

    [Fact]
    public void SignaturesAreGoldenForASeed()
    {
        var hasher = new MinHasher(new DedupOptions());
        var signature = new ulong[112];
        Assert.True(hasher.Compute("the quick brown fox jumps over the lazy dog", "text", [], signature));
        var golden = string.Join(',', signature.Take(3).Select(v => v.ToString("x16")));
        Assert.Equal(GoldenSignature, golden);
    }

    private const string GoldenSignature = "04447a0e04498744,4015e0f40ffabd7d,062442fa6d3f85ee";

    [Fact]
    public void ContentHashIgnoresTrailingBlanksButNotCase()
    {
        Assert.Equal(ContentHash.Compute("a b\nc"), ContentHash.Compute("a b  \r\nc\n\n"));
        Assert.NotEqual(ContentHash.Compute("abc"), ContentHash.Compute("ABC"));
    }

    [Fact]
    public void AbcTokensSkipHeadersOrnamentsAndBarSpelling()
    {
        List<ulong> Tokens(string tune, bool bars = false)
        {
            var list = new List<ulong>();
            AbcTokenizer.Tokenize(tune, bars, 1, list);
            return list;
        }
        var plain = Tokens("X:1\nT:One\nK:G\nGAB c2d|e4 ||\n");
        Assert.Equal(8, plain.Count);
        Assert.Equal(plain, Tokens("X:2\nT:Other title\nK:G\n\"G\"!trill!GAB {g}c2d:|~e4 |]\n% comment\n"));
        Assert.NotEqual(plain, Tokens("X:1\nK:G\nGAB c2e|e4 ||\n"));
        Assert.Equal(2, Tokens("X:1\nK:G\nGAB c2d|e4 ||\n", bars: true).Count);
        Assert.Equal(4, Tokens("K:G\n[CEG]2 [K:D] z2 ^f'|").Count);
    }
}
