namespace MusicPile.Abc.Tests;

public sealed class TuneFinderTests
{
    private const string Reel = "X:1\nL:1/8\nM:4/4\nK:D\n|:DFAF dFAF|GBdB AFD2:|\n";
    private const string Jig = "X:2\nL:1/8\nM:6/8\nK:G\nGAB dBG|A3 A2B:|\n";

    [Fact]
    public void TuneInsideChatTextEndsWithTheAnswer()
    {
        var chat = $"Human: Compose a reel in D. </s> Assistant: {Reel} </s> Human: Thanks! </s> Assistant: You are welcome. </s>";
        Assert.Equal(Reel, TuneFinder.First(chat));
        var sameLine = "Human: A tune? </s> Assistant: X:3\nL:1/8\nK:A\nABcd efga|] </s>";
        Assert.Equal("X:3\nL:1/8\nK:A\nABcd efga|]", TuneFinder.First(sameLine));
        Assert.Equal(TuneFinder.First(sameLine), TuneFinder.All(sameLine).Single());
    }

    [Fact]
    public void SeveralTunesAreFoundInOrder()
    {
        var text = $"Two tunes.\n{Reel}\nSome words between them.\n\n{Jig}{Reel}";
        Assert.Equal([Reel, Jig, Reel], TuneFinder.All(text));
        Assert.Equal(Reel, TuneFinder.First(text));
    }

    [Fact]
    public void TuneAtTheEndWithoutALineEndKeepsItsLastLine()
    {
        var text = "Here it is:\nX:1\nL:1/8\nK:G\nGABc dBGB|c2ec BGGB|G8|]";
        Assert.Equal("X:1\nL:1/8\nK:G\nGABc dBGB|c2ec BGGB|G8|]", TuneFinder.First(text));
    }

    [Theory]
    [InlineData("I cannot write music.")]
    [InlineData("X:1\n")]
    [InlineData("X:1\n\nK:D\n")]
    [InlineData("X: 1\nK:D\nabc|\n")]
    [InlineData("X:\nK:D\nabc|\n")]
    public void TextWithoutATuneHasNone(string text)
    {
        Assert.Null(TuneFinder.First(text));
        Assert.Empty(TuneFinder.All(text));
    }

    [Fact]
    public void HeadersWithoutTunesAreSkipped()
    {
        // Many X: headers with nothing after them before one long tune: one pass finds it.
        var text = string.Concat(Enumerable.Repeat("X:1\n\n", 20_000)) + "X:9\n" + string.Concat(Enumerable.Repeat("abc|\n", 20_000));
        var tune = Assert.Single(TuneFinder.All(text));
        Assert.StartsWith("X:9\nabc|", tune, StringComparison.Ordinal);
        Assert.Equal(4 + 5 * 20_000, tune.Length);
    }
}
