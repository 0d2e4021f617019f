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

    /// <summary>Final hidden states [B, T, hidden] for token ids [B, T].</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var hidden = EmbedTokens.forward(inputIds);
        var (cos, sin) = RotaryEmbedding.Tables(inputIds.shape[1], _config.HeadDim, _config.RopeTheta, hidden.device, hidden.dtype);
        foreach (var layer in Layers)
            hidden = layer.forward(hidden, cos, sin);
        return Norm.forward(hidden).MoveToOuterDisposeScope();
    }
}
