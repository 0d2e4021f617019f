using System.Diagnostics;
using MusicPile.Serve.Inference;
using MusicPile.Serve.Metrics;
using MusicPile.Serve.Music;
using MusicPile.Serve.Sampling;

namespace MusicPile.Serve.Generation;

/// <summary>
/// The decoding loop: prompt through the KV-cached decoder, then sample, (optionally) constrain to ABC, detokenize and
/// stream until the end-of-sequence token, a stop string, the token budget or the end of the context.
/// </summary>
internal sealed class TextGenerator(ModelHost host, ServeMetrics metrics)
{
    /// <summary>Runs one generation, calling <paramref name="onText"/> with each new piece of text that is safe to show.</summary>
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, Func<string, CancellationToken, Task>? onText, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var checkpoint = host.Checkpoint;
        var tokenizer = checkpoint.Tokenizer;
        var prompt = request.PromptIds;
        var budget = Math.Min(request.Sampling.MaxTokens, checkpoint.Config.MaxPositionEmbeddings - prompt.Count);
        var started = Stopwatch.StartNew();
        var generated = new List<int>();
        var text = "";
        var sent = 0;
        var finish = "length";
        if (budget > 0)
        {
            try
            {
                using var decoder = new CachedDecoder(checkpoint.Model, prompt.Count + budget);
                var sampler = new TokenSampler(request.Sampling, request.Seed);
                var seen = new HashSet<int>(prompt);
                var constraint = request.AbcConstrained ? new AbcConstraint(host.TokenTexts, tokenizer.EosId) : null;
                var stops = new StopMatcher(request.Sampling.Stop);
                var logits = decoder.Prefill(prompt);
                for (var step = 0; step < budget; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var allowed = constraint?.Allowed(budget - step);
                    var id = sampler.Next(logits, tokenizer.VocabSize, seen, allowed is null ? null : i => i < allowed.Length && allowed[i]);
                    if (id < 0 || id == tokenizer.EosId)
                    {
                        finish = "stop";
                        break;
                    }
                    constraint?.Accept(id);
                    generated.Add(id);
                    seen.Add(id);
                    var decoded = tokenizer.Decode(generated);
                    var stopAt = request.Sampling.Stop.Count == 0 ? -1 : stops.FindStop(decoded, text.Length);
                    if (stopAt >= 0)
                    {
                        text = decoded[..stopAt];
                        finish = "stop";
                        break;
                    }
                    text = decoded;
                    if (onText is not null)
                    {
                        var safe = stops.SafeLength(text);
                        if (safe > sent)
                        {
                            await onText(text[sent..safe], cancellationToken).ConfigureAwait(false);
                            sent = safe;
                        }
                    }
                    if (step + 1 < budget)
                        logits = decoder.Next(id);
                }
            }
            catch (OperationCanceledException)
            {
                metrics.RecordGeneration(prompt.Count, generated.Count, "cancelled");
                throw;
            }
        }
        if (onText is not null && text.Length > sent)
            await onText(text[sent..], cancellationToken).ConfigureAwait(false);
        metrics.RecordGeneration(prompt.Count, generated.Count, finish);
        return new GenerationResult(text, finish, prompt.Count, generated.Count, started.Elapsed.TotalSeconds);
    }
}
