using MusicPile.Serve;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Eval.Checkpoints;

/// <summary>Negative log-likelihoods from a loaded checkpoint: of a text, and of a continuation after a prompt.</summary>
internal sealed class ModelScorer(LoadedCheckpoint checkpoint)
{
    private int Window => Math.Min(checkpoint.Config.MaxPositionEmbeddings, 1024);

    /// <summary>Summed NLL (nats) and token count of a document, scored in non-overlapping windows.</summary>
    public (double Nll, long Tokens) Score(string text)
    {
        var ids = checkpoint.Tokenizer.Encode(text);
        double nll = 0;
        long tokens = 0;
        for (var start = 0; start + 1 < ids.Length; start += Window)
        {
            var chunk = ids.AsSpan(start, Math.Min(Window + 1, ids.Length - start)).ToArray();
            nll += ContinuationNll(chunk, 1);
            tokens += chunk.Length - 1;
        }
        return (nll, tokens);
    }

    /// <summary>NLL of the tokens of <paramref name="continuation"/> after <paramref name="prompt"/>, averaged per token.</summary>
    public double Continuation(string prompt, string continuation)
    {
        var p = checkpoint.Tokenizer.Encode(prompt);
        var c = checkpoint.Tokenizer.Encode(prompt + continuation);
        var keep = c.Length > Window ? c[^Window..] : c;
        var first = Math.Max(1, keep.Length - Math.Max(1, c.Length - p.Length));
        return ContinuationNll(keep, first) / Math.Max(1, keep.Length - first);
    }

    private double ContinuationNll(int[] ids, int firstScored)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(ids.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64, device: checkpoint.Device).unsqueeze(0);
        var logits = checkpoint.Model.forward(input).to(ScalarType.Float32);
        var logp = nn.functional.log_softmax(logits[0], 1);
        var targets = tensor(ids[1..].Select(i => (long)i).ToArray(), dtype: ScalarType.Int64, device: checkpoint.Device);
        var picked = logp[..^1].gather(1, targets.unsqueeze(1)).squeeze(1);
        var scored = picked[(firstScored - 1)..];
        return -scored.sum().item<float>();
    }
}
