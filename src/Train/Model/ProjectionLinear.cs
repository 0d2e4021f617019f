using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// A bias-free linear projection (weight [out, in]) that can carry a LoRA adapter:
/// y = x Wᵀ + scaling · dropout(x) Aᵀ Bᵀ, with B starting at zero so the adapter starts as a no-op.
/// </summary>
internal sealed class ProjectionLinear : nn.Module<Tensor, Tensor>
{
    // Module.to() swaps parameter fields by reflection and registers them under these names.
    [ComponentName(Name = "weight")] private Parameter _weight;
    [ComponentName(Name = "lora_A")] private Parameter? _loraA;
    [ComponentName(Name = "lora_B")] private Parameter? _loraB;
    private double _scaling;
    private double _dropout;
    private Func<Generator?> _dropoutGenerator = () => null;

    public ProjectionLinear(long inFeatures, long outFeatures) : base(nameof(ProjectionLinear))
    {
        _weight = new Parameter(empty(outFeatures, inFeatures));
        register_parameter("weight", _weight);
    }

    public Parameter Weight => _weight;

    public bool HasLora => _loraA is not null;

    public Parameter? LoraA => _loraA;

    public Parameter? LoraB => _loraB;

    /// <summary>Adds an adapter: A uniform in ±1/√in (Kaiming-uniform with a = √5), B zero; freezes the weight.</summary>
    public void AddLora(LoraOptions options, Generator initGenerator, Func<Generator?> dropoutGenerator)
    {
        if (HasLora) throw new InvalidOperationException("this projection already has a LoRA adapter");
        var outFeatures = _weight.shape[0];
        var inFeatures = _weight.shape[1];
        var device = _weight.device;
        var dtype = _weight.dtype;
        using (no_grad())
        {
            var bound = 1.0 / Math.Sqrt(inFeatures);
            using var unit = rand([options.Rank, inFeatures], ScalarType.Float32, CPU, generator: initGenerator);
            using var scaled = unit * (2 * bound) - bound;
            _loraA = new Parameter(scaled.to(dtype, device));
            _loraB = new Parameter(zeros([outFeatures, options.Rank], dtype, device));
        }
        register_parameter("lora_A", _loraA);
        register_parameter("lora_B", _loraB);
        _scaling = options.Scaling;
        _dropout = options.Dropout;
        _dropoutGenerator = dropoutGenerator;
        _weight.requires_grad = false;
    }

    public override Tensor forward(Tensor input)
    {
        if (_loraA is null || _loraB is null)
            return nn.functional.linear(input, _weight);
        using var scope = NewDisposeScope();
        var main = nn.functional.linear(input, _weight);
        var adapterInput = _dropout > 0 && training ? Dropout(input) : input;
        var update = nn.functional.linear(nn.functional.linear(adapterInput, _loraA), _loraB);
        return (main + update * _scaling).MoveToOuterDisposeScope();
    }

    private Tensor Dropout(Tensor input)
    {
        // A generator owned by the trainer keeps dropout reproducible and its state saveable.
        var generator = _dropoutGenerator();
        if (generator is null)
            return nn.functional.dropout(input, _dropout, training: true);
        using var noise = rand(input.shape, input.dtype, input.device, generator: generator);
        using var keep = noise.ge(_dropout);
        return input * keep / (1 - _dropout);
    }

    /// <summary>The weight with the adapter folded in, as a new tensor the caller disposes.</summary>
    public Tensor MergedWeight()
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        if (_loraA is null || _loraB is null)
            return _weight.detach().clone().MoveToOuterDisposeScope();
        var delta = _loraB.to(ScalarType.Float32).matmul(_loraA.to(ScalarType.Float32)) * _scaling;
        return (_weight.to(ScalarType.Float32) + delta).to(_weight.dtype).MoveToOuterDisposeScope();
    }
}
