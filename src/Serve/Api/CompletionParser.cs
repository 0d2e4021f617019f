using MusicPile.Serve.Generation;
using MusicPile.Serve.Sampling;

namespace MusicPile.Serve.Api;

/// <summary>Turns a request body into a <see cref="CompletionCall"/>, checking every field against the options and the model.</summary>
internal sealed class CompletionParser(ServeOptions options, ModelHost host)
{
    public CompletionCall Parse(JsonBody body, bool chat)
    {
        if (body.String("model") is { } model && !string.Equals(model, host.ModelName, StringComparison.Ordinal))
            throw new ApiException(404, $"the model '{model}' does not exist; this server serves '{host.ModelName}'", "model", "model_not_found");
        if (body.Integer("n") is { } n && n != 1) throw ApiException.Invalid("only n = 1 is supported", "n");
        string prompt;
        if (chat)
            prompt = ChatMessages.Render(ChatMessages.Read(body.Root));
        else
        {
            var prompts = body.Strings("prompt") ?? throw ApiException.Invalid("'prompt' is required", "prompt");
            if (prompts.Count != 1) throw ApiException.Invalid("'prompt' must be one string", "prompt");
            prompt = prompts[0];
        }
        var sampling = Sampling(body);
        var tokenizer = host.Checkpoint.Tokenizer;
        var config = host.Checkpoint.Config;
        var ids = tokenizer.Encode(prompt).ToList();
        if (ids.Count == 0)
            ids.Add(config.BosTokenId >= 0 && config.BosTokenId < tokenizer.VocabSize ? config.BosTokenId : tokenizer.EosId);
        var limit = Math.Min(options.MaxPromptTokens, config.MaxPositionEmbeddings - 1);
        if (ids.Count > limit)
            throw new ApiException(413, $"the prompt has {ids.Count} tokens; at most {limit} are accepted", chat ? "messages" : "prompt", "context_length_exceeded");
        var seed = sampling.Seed ?? Random.Shared.NextInt64(0, long.MaxValue);
        var constrained = body.Bool("abc_constrained") ?? false;
        var includeUsage = body.Root.TryGetProperty("stream_options", out var so) && so.ValueKind == System.Text.Json.JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == System.Text.Json.JsonValueKind.True;
        return new CompletionCall(new GenerationRequest(ids, sampling, seed, constrained), body.Bool("stream") ?? false, chat, includeUsage);
    }

    private SamplingParameters Sampling(JsonBody body)
    {
        var preset = body.String("preset");
        var start = preset is null
            ? new SamplingParameters { MaxTokens = options.DefaultMaxTokens }
            : SamplingPresets.Find(preset) ?? throw ApiException.Invalid($"unknown preset '{preset}': use {string.Join(" or ", SamplingPresets.Names)}", "preset");
        var maxTokens = body.Integer("max_tokens") ?? body.Integer("max_completion_tokens");
        if (maxTokens is { } m && (m < 1 || m > options.MaxNewTokensCap))
            throw ApiException.Invalid($"max_tokens must be between 1 and {options.MaxNewTokensCap}", "max_tokens");
        var topK = body.Integer("top_k");
        if (topK is { } k && (k < 0 || k > int.MaxValue)) throw ApiException.Invalid("top_k must not be negative", "top_k");
        var sampling = start with
        {
            Temperature = body.Number("temperature") ?? start.Temperature,
            TopP = body.Number("top_p") ?? start.TopP,
            TopK = topK is { } kk ? (int)kk : start.TopK,
            RepetitionPenalty = body.Number("repetition_penalty") ?? start.RepetitionPenalty,
            MaxTokens = maxTokens is { } mm ? (int)mm : Math.Min(start.MaxTokens, options.MaxNewTokensCap),
            Stop = body.Strings("stop") ?? start.Stop,
            Seed = body.Integer("seed") ?? start.Seed,
        };
        if (sampling.Problem() is { } problem)
            throw ApiException.Invalid(problem, problem.Split(' ')[0]);
        return sampling;
    }
}
