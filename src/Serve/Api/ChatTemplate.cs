using System.Text;
using System.Text.Json;

namespace MusicPile.Serve.Api;

/// <summary>
/// ChatMusician's prompt format: each round is <c>Human: {question} &lt;/s&gt; Assistant: {answer} &lt;/s&gt; </c>, and the
/// prompt ends with the open <c>Human: {question} &lt;/s&gt; Assistant: </c>. System messages go first, as plain text.
/// </summary>
internal static class ChatTemplate
{
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
                    if (!expectUser) sb.Append("</s> ");
                    sb.Append("Human: ").Append(content).Append(" </s> Assistant: ");
                    expectUser = false;
                    break;
                case "assistant":
                    if (expectUser) throw ApiException.Invalid("an assistant message must follow a user message", "messages");
                    sb.Append(content).Append(" </s> ");
                    expectUser = true;
                    break;
                default:
                    throw ApiException.Invalid($"unknown role '{role}': use system, user or assistant", "messages");
            }
        }
        return sb.ToString();
    }

    /// <summary>Reads OpenAI's <c>messages</c> array (content as a string or as text parts).</summary>
    public static IReadOnlyList<(string Role, string Content)> ReadMessages(JsonElement root)
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
