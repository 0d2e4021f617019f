using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>SwiGLU feed-forward block: down(silu(gate(x)) · up(x)).</summary>
internal sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
    public LlamaMlp(LlamaConfig config) : base(nameof(LlamaMlp))
    {
        GateProj = new ProjectionLinear(config.HiddenSize, config.IntermediateSize);
        UpProj = new ProjectionLinear(config.HiddenSize, config.IntermediateSize);
        DownProj = new ProjectionLinear(config.IntermediateSize, config.HiddenSize);
        register_module("gate_proj", GateProj);
        register_module("up_proj", UpProj);
        register_module("down_proj", DownProj);
    }

    public ProjectionLinear GateProj { get; }

    public ProjectionLinear UpProj { get; }

    public ProjectionLinear DownProj { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var gated = nn.functional.silu(GateProj.forward(input)) * UpProj.forward(input);
        return DownProj.forward(gated).MoveToOuterDisposeScope();
    }
}
