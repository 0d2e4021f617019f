using MusicPile.Core.Text;
using MusicPile.Serve.Api;

namespace MusicPile.Serve.Tests;

public sealed class ChatMessagesTests
{
    [Fact]
    public void MessagesRenderAsChatMusicianPrompts()
    {
        Assert.Equal(
            "You are a composer.\nHuman: q1 </s> Assistant: a1 </s> Human: q2 </s> Assistant: ",
            ChatMessages.Render([("system", "You are a composer."), ("user", "q1"), ("assistant", "a1"), ("user", "q2")]));
        Assert.Equal("Human: q1 </s> Assistant: </s> Human: q2 </s> Assistant: ", ChatMessages.Render([("user", "q1"), ("user", "q2")]));
        Assert.Equal(
            ChatTemplate.Format([new ChatRound("q1", "a1"), new ChatRound("q2", null)]),
            ChatMessages.Render([("user", "q1"), ("assistant", "a1"), ("user", "q2")]));
    }

    [Fact]
    public void LastMessageMustComeFromTheUser()
    {
        Assert.Throws<ApiException>(() => ChatMessages.Render([("user", "q1"), ("assistant", "a1")]));
        Assert.Throws<ApiException>(() => ChatMessages.Render([]));
    }
}
