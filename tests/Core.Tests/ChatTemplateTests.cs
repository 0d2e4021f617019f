using MusicPile.Core.Text;

namespace MusicPile.Core.Tests;

public sealed class ChatTemplateTests
{
    [Fact]
    public void RoundIsChatMusiciansFormatExactly()
    {
        // "Human: {question} </s> Assistant: {answer} </s>", rounds joined by a space.
        Assert.Equal("Human: Name the key. </s> Assistant: D major </s>", ChatTemplate.Round("Name the key.", "D major"));
        Assert.Equal("Human: Name the key. </s> Assistant:", ChatTemplate.Question("Name the key."));
        Assert.Equal("D major </s>", ChatTemplate.Answer("D major"));
        Assert.Equal(
            "Human: a </s> Assistant: b </s> Human: c </s> Assistant: ",
            ChatTemplate.Format([new ChatRound("a", "b"), new ChatRound("c", null)]));
    }

    [Fact]
    public void FormatThenSplitGivesTheRoundsBack()
    {
        ChatRound[] rounds =
        [
            new("Compose a reel in D.\nMeter: 4/4", "X:1\nL:1/8\nM:4/4\nK:D\n|:DFAF dFAF:|"),
            new("Now in G?", ""),
            new("Describe it </s> briefly.", "A lively tune."),
        ];
        Assert.Equal(rounds, ChatTemplate.Split(ChatTemplate.Format(rounds)));
        ChatRound[] open = [new("Compose a jig.", null)];
        Assert.Equal(open, ChatTemplate.Split(ChatTemplate.Format(open)));
    }

    [Theory]
    [InlineData("Human: hi </s> Assistant: hello </s>", true)]
    [InlineData("  \nHuman: hi</s>\n Assistant:", true)]
    [InlineData("Human: one </s> two </s>  Assistant: three </s>", true)]
    [InlineData("Human: hi Assistant: hello", false)]
    [InlineData("Hello. Human: hi </s> Assistant: hello </s>", false)]
    [InlineData("X:1\nK:D\nABc|\n", false)]
    public void IsChatRecognisesTheFormat(string text, bool expected)
    {
        Assert.Equal(expected, ChatTemplate.IsChat(text));
        Assert.Equal(expected, ChatTemplate.Split(text).Count > 0);
    }
}
