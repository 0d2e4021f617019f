using MusicPile.Train;
using static TorchSharp.torch;

namespace MusicPile.Serve.Inference;

/// <summary>The reference decoder: every step runs the whole sequence through the model's own forward pass.</summary>
internal sealed class UncachedDecoder(LlamaForCausalLM model) : ITokenDecoder
{
    private readonly List<long> _ids = [];

    public int Length => _ids.Count;

    public float[] Prefill(IReadOnlyList<int> promptIds)
    {
        if (_ids.Count != 0) throw new InvalidOperationException("the prompt was already consumed");
        if (promptIds.Count == 0) throw new ArgumentException("the prompt is empty", nameof(promptIds));
        _ids.AddRange(promptIds.Select(i => (long)i));
        return Run();
    }

    public float[] Next(int tokenId)
    {
        _ids.Add(tokenId);
        return Run();
    }

    private float[] Run()
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var device = model.parameters().First().device;
        using var input = tensor(_ids.ToArray(), [1, _ids.Count], ScalarType.Int64).to(device);
        var logits = model.forward(input);
        return logits[0, -1].to(ScalarType.Float32).cpu().data<float>().ToArray();
    }

    public void Dispose()
    {
    }
}
