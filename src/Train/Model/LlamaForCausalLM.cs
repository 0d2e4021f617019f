using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// A LLaMA decoder with a language-model head, laid out so that its state dict names are the
/// Hugging Face <c>LlamaForCausalLM</c> tensor names. Built on the CPU in float32; move it with
/// <c>to(device)</c> / <c>to(dtype)</c>.
/// </summary>
public sealed class LlamaForCausalLM : nn.Module<Tensor, Tensor>
{
    private readonly LlamaBackbone _backbone;
    private readonly ProjectionLinear? _head;
    private readonly Generator _initGenerator;

    /// <summary>Builds the model; weights are drawn from N(0, initializer_range), norms start at one.</summary>
    /// <param name="config">Architecture; validated here.</param>
    /// <param name="seed">Seeds the model's own initialisation generator (torch's global generator is not used); random when null.</param>
    public LlamaForCausalLM(LlamaConfig config, long? seed = null) : base(nameof(LlamaForCausalLM))
    {
        Config = config.Validate();
        _initGenerator = new Generator(0, CPU);
        _initGenerator.manual_seed(seed ?? Random.Shared.NextInt64());
        _backbone = new LlamaBackbone(config);
        register_module("model", _backbone);
        if (!config.TieWordEmbeddings)
        {
            _head = new ProjectionLinear(config.HiddenSize, config.VocabSize);
            register_module("lm_head", _head);
        }
        InitialiseWeights();
    }

    /// <summary>The architecture.</summary>
    public LlamaConfig Config { get; }

    /// <summary>
    /// Generator for LoRA dropout masks, on the model's device; when null, torch's global generator is used.
    /// The trainer sets one so dropout is reproducible and resumable.
    /// </summary>
    public Generator? DropoutGenerator
    {
        get => _backbone.DropoutGenerator;
        set => _backbone.DropoutGenerator = value;
    }

    /// <summary>
    /// While training with gradients on, keep only each decoder layer's input and recompute its activations in the
    /// backward pass: less memory for about one more forward pass of compute. Off by default.
    /// </summary>
    public bool ActivationCheckpointing
    {
        get => _backbone.ActivationCheckpointing;
        set => _backbone.ActivationCheckpointing = value;
    }

    /// <summary>The adapter settings once <see cref="AddLora"/> was called.</summary>
    public LoraOptions? Lora { get; private set; }

    /// <summary>Hugging Face names of the weights a checkpoint of this model holds (no adapters; no <c>lm_head</c> when tied).</summary>
    public IReadOnlyList<string> WeightNames =>
        named_parameters().Select(p => p.name).Where(n => !IsAdapterName(n)).ToList();

    /// <summary>Parameters of the base model, adapters excluded.</summary>
    public long BaseParameterCount =>
        named_parameters().Where(p => !IsAdapterName(p.name)).Sum(p => p.parameter.numel());

    /// <summary>Logits [B, T, vocab] for token ids [B, T] (int64).</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        return Head(_backbone.forward(inputIds)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Logits [B, T, vocab] for new token ids [B, T] that continue the sequences held in <paramref name="cache"/>:
    /// they sit at positions cache.Length.., attend to everything cached and to each other causally, and are appended
    /// to the cache. Feeding a sequence in pieces gives the logits of one <see cref="forward(Tensor)"/> over all of it.
    /// </summary>
    public Tensor forward(Tensor inputIds, KvCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        using var scope = NewDisposeScope();
        return Head(_backbone.forward(inputIds, cache, lastOnly: false)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// As <see cref="forward(Tensor, KvCache)"/>, but only the logits [B, vocab] after the last new token: the head runs
    /// on one position, which is what decoding needs.
    /// </summary>
    public Tensor NextTokenLogits(Tensor inputIds, KvCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        using var scope = NewDisposeScope();
        var hidden = _backbone.forward(inputIds, cache, lastOnly: true);
        return Head(hidden).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>An empty KV cache for <paramref name="batch"/> sequences of up to <paramref name="capacity"/> tokens, on this model's device and in its dtype.</summary>
    public KvCache CreateKvCache(int capacity, int batch = 1)
    {
        var embedding = _backbone.EmbedTokens.weight!;
        return new KvCache(Config, batch, capacity, embedding.device, embedding.dtype);
    }

    /// <summary>Mean next-token cross-entropy (computed in float32) of targets [B, T] given inputs [B, T].</summary>
    public Tensor Loss(Tensor inputIds, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var logits = forward(inputIds);
        var flat = logits.view(-1, logits.shape[^1]).to(ScalarType.Float32);
        var loss = nn.functional.cross_entropy(flat, targets.reshape(-1));
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Adds LoRA adapters to the target projections and freezes every base weight, so only the
    /// adapters train. Adapter B starts at zero, so outputs are unchanged until a step is taken.
    /// </summary>
    public void AddLora(LoraOptions options)
    {
        options.Validate();
        if (Lora is not null) throw new InvalidOperationException("LoRA adapters were already added");
        foreach (var (_, parameter) in named_parameters())
            parameter.requires_grad = false;
        foreach (var (name, projection) in NamedProjections())
        {
            if (options.TargetModules.Contains(name))
                projection.AddLora(options, _initGenerator, () => DropoutGenerator);
        }
        Lora = options;
    }

    /// <summary>
    /// The checkpoint tensors by Hugging Face name, adapters merged into their base weights, as new
    /// CPU tensors (converted to <paramref name="dtype"/> when given) that the caller disposes.
    /// </summary>
    public Dictionary<string, Tensor> ExportWeights(ScalarType? dtype = null)
    {
        using var guard = no_grad();
        var merged = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var projections = NamedProjectionsByWeightName();
        foreach (var (name, parameter) in named_parameters())
        {
            if (IsAdapterName(name)) continue;
            using var scope = NewDisposeScope();
            var value = projections.TryGetValue(name, out var projection) ? projection.MergedWeight() : parameter.detach();
            merged[name] = value.to(dtype ?? value.dtype, CPU).contiguous().clone().DetachFromDisposeScope();
        }
        return merged;
    }

    /// <summary>Copies one checkpoint tensor into the named weight, converting dtype and device.</summary>
    public void ImportWeight(string name, Tensor value)
    {
        var parameters = named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        if (!parameters.TryGetValue(name, out var target) || IsAdapterName(name))
            throw new TrainFormatException($"unexpected tensor '{name}' for this model");
        if (!target.shape.SequenceEqual(value.shape))
            throw new TrainFormatException($"tensor '{name}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", target.shape)}]");
        using var guard = no_grad();
        using var converted = value.to(target.dtype, target.device);
        target.copy_(converted);
    }

    /// <summary>Frees the weights and the initialisation generator.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _initGenerator.Dispose();
        base.Dispose(disposing);
    }

    private Tensor Head(Tensor hidden) => _head is null
        ? nn.functional.linear(hidden, _backbone.EmbedTokens.weight!)
        : _head.forward(hidden);

    internal IEnumerable<(string Name, ProjectionLinear Projection)> NamedProjections()
    {
        foreach (var layer in _backbone.Layers)
        {
            yield return ("q_proj", layer.SelfAttention.QProj);
            yield return ("k_proj", layer.SelfAttention.KProj);
            yield return ("v_proj", layer.SelfAttention.VProj);
            yield return ("o_proj", layer.SelfAttention.OProj);
            yield return ("gate_proj", layer.Mlp.GateProj);
            yield return ("up_proj", layer.Mlp.UpProj);
            yield return ("down_proj", layer.Mlp.DownProj);
        }
    }

    internal static bool IsAdapterName(string name) => name.EndsWith(".lora_A", StringComparison.Ordinal) || name.EndsWith(".lora_B", StringComparison.Ordinal);

    /// <summary>True for parameters that AdamW must not decay: norms (1-D weights) and biases.</summary>
    internal static bool IsNoDecay(string name, Parameter parameter) => parameter.dim() < 2 || name.EndsWith(".bias", StringComparison.Ordinal);

    private Dictionary<string, ProjectionLinear> NamedProjectionsByWeightName()
    {
        var byName = new Dictionary<string, ProjectionLinear>(StringComparer.Ordinal);
        foreach (var (name, module) in named_modules())
        {
            if (module is ProjectionLinear projection)
                byName[name + ".weight"] = projection;
        }
        return byName;
    }

    private void InitialiseWeights()
    {
        using var guard = no_grad();
        foreach (var (_, parameter) in named_parameters())
        {
            if (parameter.dim() >= 2)
            {
                // nn.init.normal_ ignores its generator argument here; randn honours it.
                using var noise = randn(parameter.shape, ScalarType.Float32, CPU, generator: _initGenerator);
                using var scaled = noise * Config.InitializerRange;
                parameter.copy_(scaled);
            }
            else
                nn.init.ones_(parameter);
        }
    }
}
