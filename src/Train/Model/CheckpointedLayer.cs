using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// Activation checkpointing of one decoder layer: the forward pass runs without building a graph and keeps only the
/// layer's input; the backward pass runs the layer again on that input with gradients on, back-propagates through the
/// recomputed graph (which adds the layer's parameter gradients) and hands the input's gradient on. When a dropout
/// generator is given its state is replayed, so the recomputation draws the same masks as the forward pass.
/// </summary>
internal sealed class CheckpointedLayer : autograd.SingleTensorFunction<CheckpointedLayer>
{
    public override string Name => nameof(CheckpointedLayer);

    /// <summary>
    /// The layer's output for <paramref name="hidden"/>, with only the input kept for the backward pass. An input that
    /// needs no gradient (frozen embeddings under LoRA) is made to need one, or the layer's parameters would get none.
    /// </summary>
    public static Tensor Apply(LlamaDecoderLayer layer, Tensor hidden, Tensor cos, Tensor sin, Generator? dropoutGenerator) =>
        apply(layer, hidden.requires_grad ? hidden : hidden.detach().requires_grad_(true), cos, sin, dropoutGenerator);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (layer, hidden, cos, sin, generator) = Unpack(vars);
        ctx.save_for_backward([hidden, cos, sin]);
        ctx.save_data("layer", layer);
        if (generator is not null)
            ctx.save_data("rng", new RngState(generator, generator.get_state().DetachFromDisposeScope()));
        return layer.forward(hidden, cos, sin);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var layer = (LlamaDecoderLayer)ctx.get_data("layer");
        var rng = ctx.get_data("rng") as RngState;
        Tensor inputGrad;
        using (var scope = NewDisposeScope())
        {
            Tensor? after = null;
            if (rng is not null)
            {
                after = rng.Generator.get_state();
                rng.Generator.set_state(rng.State);
            }
            var input = saved[0].detach().requires_grad_(true);
            using (enable_grad())
            {
                var output = layer.forward(input, saved[1], saved[2]);
                output.backward([grad_output]);
            }
            if (rng is not null)
            {
                rng.Generator.set_state(after!);
                rng.State.Dispose();
            }
            inputGrad = input.grad!.MoveToOuterDisposeScope();
        }
        return [null!, inputGrad, null!, null!, null!];
    }

    private static (LlamaDecoderLayer Layer, Tensor Hidden, Tensor Cos, Tensor Sin, Generator? Generator) Unpack(object[] vars) =>
        ((LlamaDecoderLayer)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3], vars[4] as Generator);

    private sealed record RngState(Generator Generator, Tensor State);
}
