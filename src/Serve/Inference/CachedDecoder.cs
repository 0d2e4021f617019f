using MusicPile.Train;
using static TorchSharp.torch;

namespace MusicPile.Serve.Inference;

/// <summary>
/// Incremental decoding through the model's own KV-cache path: the prompt runs once, then each step runs only the new
/// token and attends to the cached keys and values, so logits match an uncached forward of the whole sequence.
/// </summary>
internal sealed class CachedDecoder(LlamaForCausalLM model, int capacity) : ITokenDecoder
{
    private readonly KvCache _cache = model.CreateKvCache(capacity);

    public int Length => _cache.Length;

    public float[] Prefill(IReadOnlyList<int> promptIds)
    {
        if (Length != 0) throw new InvalidOperationException("the prompt was already consumed");
        if (promptIds.Count == 0) throw new ArgumentException("the prompt is empty", nameof(promptIds));
        return Run(promptIds.Select(i => (long)i).ToArray());
    }

    public float[] Next(int tokenId) => Run([tokenId]);

    private float[] Run(long[] ids)
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        using var input = tensor(ids, [1, ids.Length], ScalarType.Int64).to(_cache.Device);
        var logits = model.NextTokenLogits(input, _cache);
        return logits.reshape(-1).to(ScalarType.Float32).cpu().data<float>().ToArray();
    }

    public void Dispose() => _cache.Dispose();
}
