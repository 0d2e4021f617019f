using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>The <c>model.*</c> part of a LLaMA checkpoint: embeddings, decoder layers, final norm.</summary>
internal sealed class LlamaBackbone : nn.Module<Tensor, Tensor>
{
    private readonly LlamaConfig _config;

    public LlamaBackbone(LlamaConfig config) : base(nameof(LlamaBackbone))
    {
        _config = config;
        EmbedTokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        Layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new LlamaDecoderLayer(config)).ToArray());
        Norm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        register_module("embed_tokens", EmbedTokens);
        register_module("layers", Layers);
        register_module("norm", Norm);
    }

    public Embedding EmbedTokens { get; }

    public ModuleList<LlamaDecoderLayer> Layers { get; }

    public RmsNorm Norm { get; }

    /// <summary>While training with gradients on, recompute each layer's activations in the backward pass instead of keeping them.</summary>
    public bool ActivationCheckpointing { get; set; }

    /// <summary>The dropout generator whose state a recomputed layer replays; null when dropout draws from torch's global generator.</summary>
    public Generator? DropoutGenerator { get; set; }

    /// <summary>Final hidden states [B, T, hidden] for token ids [B, T].</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var hidden = EmbedTokens.forward(inputIds);
        var (cos, sin) = RotaryEmbedding.Tables(inputIds.shape[1], _config.HeadDim, _config.RopeTheta, hidden.device, hidden.dtype);
        var checkpoint = ActivationCheckpointing && training && is_grad_enabled();
        foreach (var layer in Layers)
            hidden = checkpoint ? CheckpointedLayer.Apply(layer, hidden, cos, sin, DropoutGenerator) : layer.forward(hidden, cos, sin);
        return Norm.forward(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Final hidden states [B, T, hidden] of new token ids [B, T] that continue the sequences in <paramref name="cache"/>
    /// (rotary positions start at cache.Length), which then holds them too. With <paramref name="lastOnly"/> only the
    /// last position is normalised and returned ([B, 1, hidden]).
    /// </summary>
    public Tensor forward(Tensor inputIds, KvCache cache, bool lastOnly)
    {
        var length = inputIds.shape[1];
        if (inputIds.shape[0] != cache.Batch)
            throw new ArgumentException($"the KV cache holds {cache.Batch} sequences; the input has {inputIds.shape[0]}", nameof(inputIds));
        if (length < 1)
            throw new ArgumentException("no new tokens", nameof(inputIds));
        cache.EnsureRoom(length);
        using var scope = NewDisposeScope();
        var hidden = EmbedTokens.forward(inputIds);
        if (hidden.device_type != cache.Device.type || hidden.device_index != cache.Device.index || hidden.dtype != cache.DType)
            throw new ArgumentException($"the KV cache is {cache.DType} on {cache.Device}; the model is {hidden.dtype} on {hidden.device}", nameof(cache));
        var cos = cache.Cos.narrow(0, cache.Length, length);
        var sin = cache.Sin.narrow(0, cache.Length, length);
        for (var i = 0; i < Layers.Count; i++)
            hidden = Layers[i].forward(hidden, cos, sin, cache, i);
        cache.Advance(length);
        if (lastOnly)
            hidden = hidden.narrow(1, length - 1, 1);
        return Norm.forward(hidden).MoveToOuterDisposeScope();
    }
}
