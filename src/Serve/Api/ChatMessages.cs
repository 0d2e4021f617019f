using System.Text;
using System.Text.Json;
using MusicPile.Core.Text;

namespace MusicPile.Serve.Api;

/// <summary>
/// OpenAI-style chat messages turned into a prompt in ChatMusician's format (<see cref="ChatTemplate"/>): each answered
/// round is followed by a space, and the prompt ends with the open <c>Human: {question} &lt;/s&gt; Assistant: </c>.
/// System messages go before a round, as plain text lines.
/// </summary>
internal static class ChatMessages
{
    /// <summary>The prompt for <paramref name="messages"/>; the last one must come from the user.</summary>
    public static string Render(IReadOnlyList<(string Role, string Content)> messages)
    {
        if (messages.Count == 0) throw ApiException.Invalid("'messages' must hold at least one message", "messages");
        if (messages[^1].Role != "user") throw ApiException.Invalid("the last message must come from the user", "messages");
        var sb = new StringBuilder();
        var expectUser = true;
        foreach (var (role, content) in messages)
        {
            switch (role)
            {
                case "system":
                    if (sb.Length > 0 && !expectUser) throw ApiException.Invalid("system messages must come before a user turn", "messages");
                    sb.Append(content).Append('\n');
                    break;
                case "user":
                    // A question left unanswered is closed before the next one.
                    if (!expectUser) sb.Append(ChatTemplate.EndOfTurn).Append(' ');
                    sb.Append(ChatTemplate.Question(content)).Append(' ');
                    expectUser = false;
                    break;
                case "assistant":
                    if (expectUser) throw ApiException.Invalid("an assistant message must follow a user message", "messages");
                    sb.Append(ChatTemplate.Answer(content)).Append(' ');
                    expectUser = true;
                    break;
                default:
                    throw ApiException.Invalid($"unknown role '{role}': use system, user or assistant", "messages");
            }
        }
        return sb.ToString();
    }

    /// <summary>Reads OpenAI's <c>messages</c> array (content as a string or as text parts).</summary>
    public static IReadOnlyList<(string Role, string Content)> Read(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var array) || array.ValueKind == JsonValueKind.Null)
            throw ApiException.Invalid("'messages' is required", "messages");
        if (array.ValueKind != JsonValueKind.Array) throw JsonBody.TypeError("messages", "an array of messages");
        var list = new List<(string, string)>();
        foreach (var m in array.EnumerateArray())
        {
            if (m.ValueKind != JsonValueKind.Object) throw JsonBody.TypeError("messages", "an array of objects");
            if (!m.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
                throw JsonBody.TypeError("messages[].role", "a string");
            if (!m.TryGetProperty("content", out var content)) throw JsonBody.TypeError("messages[].content", "a string");
            list.Add((role.GetString()!, ContentText(content)));
        }
        return list;
    }

    private static string ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String) return content.GetString()!;
        if (content.ValueKind != JsonValueKind.Array) throw JsonBody.TypeError("messages[].content", "a string or an array of text parts");
        var sb = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw JsonBody.TypeError("messages[].content", "a string or an array of text parts");
            sb.Append(text.GetString());
        }
        return sb.ToString();
    }
}
