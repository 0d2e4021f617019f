using System.Text.Json;
using System.Text.Json.Nodes;
using MusicPile.Serve.Generation;
using MusicPile.Serve.Music;

namespace MusicPile.Serve.Api;

/// <summary>OpenAI-shaped response bodies and stream chunks for completions and chat completions.</summary>
internal sealed class CompletionResponses(string id, string model, bool chat, long seed)
{
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public JsonObject Final(GenerationResult result)
    {
        var choice = new JsonObject { ["index"] = 0 };
        if (chat)
            choice["message"] = new JsonObject { ["role"] = "assistant", ["content"] = result.Text };
        else
        {
            choice["text"] = result.Text;
            choice["logprobs"] = null;
        }
        choice["finish_reason"] = result.FinishReason;
        choice["abc"] = Abc(result.Text);
        var body = Envelope(chat ? "chat.completion" : "text_completion", choice);
        body["usage"] = Usage(result);
        return body;
    }

    public JsonObject Chunk(string? delta, bool first)
    {
        var choice = new JsonObject { ["index"] = 0 };
        if (chat)
        {
            var d = new JsonObject();
            if (first) d["role"] = "assistant";
            if (delta is not null) d["content"] = delta;
            choice["delta"] = d;
        }
        else
            choice["text"] = delta ?? "";
        choice["finish_reason"] = null;
        return Envelope(chat ? "chat.completion.chunk" : "text_completion", choice);
    }

    public JsonObject LastChunk(GenerationResult result, bool includeUsage)
    {
        var choice = new JsonObject { ["index"] = 0 };
        if (chat) choice["delta"] = new JsonObject();
        else choice["text"] = "";
        choice["finish_reason"] = result.FinishReason;
        choice["abc"] = Abc(result.Text);
        var body = Envelope(chat ? "chat.completion.chunk" : "text_completion", choice);
        body["usage"] = includeUsage || !chat ? Usage(result) : null;
        return body;
    }

    private JsonObject Envelope(string kind, JsonObject choice) => new()
    {
        ["id"] = id,
        ["object"] = kind,
        ["created"] = _created,
        ["model"] = model,
        ["seed"] = seed,
        ["choices"] = new JsonArray(choice),
    };

    private static JsonObject Usage(GenerationResult result) => new()
    {
        ["prompt_tokens"] = result.PromptTokens,
        ["completion_tokens"] = result.CompletionTokens,
        ["total_tokens"] = result.PromptTokens + result.CompletionTokens,
    };

    private static JsonNode? Abc(string text) =>
        TuneExtractor.Report(text) is { } report ? JsonSerializer.SerializeToNode(report) : null;
}
