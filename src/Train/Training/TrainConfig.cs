namespace MusicPile.Train;

/// <summary>
/// Everything a training run needs, as plain properties with defaults (the CLI fills it from YAML).
/// Defaults follow ChatMusician's optimiser (AdamW, weight decay 0.1, betas 0.9/0.95, clip 1.0,
/// warmup then cosine decay) at a size a CPU can run.
/// </summary>
public sealed record TrainConfig
{
    /// <summary>Architecture of a model trained from scratch; ignored when <see cref="InitFrom"/> is set. Default: the tiny preset.</summary>
    public LlamaConfig? Model { get; init; }

    /// <summary>Hugging Face checkpoint folder to continue pre-training from (warmup still applies). Default none.</summary>
    public string? InitFrom { get; init; }

    /// <summary>Folder receiving <c>step-{n}/</c> checkpoints. Default <c>runs/train</c>.</summary>
    public string OutputDir { get; init; } = Path.Combine("runs", "train");

    /// <summary>The mixture of token streams. Required.</summary>
    public IReadOnlyList<DataSource> Sources { get; init; } = [];

    /// <summary>Tokens per training window (targets are shifted by one). Default 256.</summary>
    public int SeqLen { get; init; } = 256;

    /// <summary>Windows per forward/backward pass. Default 8.</summary>
    public int MicroBatch { get; init; } = 8;

    /// <summary>Micro-batches accumulated per optimiser step. Default 1.</summary>
    public int GradAccumulation { get; init; } = 1;

    /// <summary>Peak learning rate, reached at the end of warmup. Default 1e-3 (small models from scratch; use 1e-4 for LoRA as ChatMusician).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Learning rate at the end of the cosine decay. Default 1e-4.</summary>
    public double MinLearningRate { get; init; } = 1e-4;

    /// <summary>Linear warmup steps (counted from the start of this run, also with <see cref="InitFrom"/>). Default 100.</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>Optimiser steps of the run; the cosine decay ends here. Default 2000.</summary>
    public int TotalSteps { get; init; } = 2000;

    /// <summary>Decoupled weight decay on matrices (not on norms or biases). Default 0.1.</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>AdamW beta1. Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW beta2. Default 0.95.</summary>
    public double Beta2 { get; init; } = 0.95;

    /// <summary>AdamW epsilon. Default 1e-8.</summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Global gradient-norm clip; 0 disables. Default 1.0.</summary>
    public double GradClip { get; init; } = 1.0;

    /// <summary>Steps between progress reports of training loss and throughput. Default 10.</summary>
    public int LogInterval { get; init; } = 10;

    /// <summary>Steps between validation passes; 0 disables. Default 100.</summary>
    public int EvalInterval { get; init; } = 100;

    /// <summary>Micro-batches per source per validation pass. Default 8.</summary>
    public int EvalBatches { get; init; } = 8;

    /// <summary>Steps between checkpoints; 0 keeps only the final one. Default 500.</summary>
    public int CheckpointInterval { get; init; } = 500;

    /// <summary>Seeds initialisation, LoRA dropout and window sampling. Default 1337.</summary>
    public long Seed { get; init; } = 1337;

    /// <summary>Auto (CUDA when torch sees a GPU, else CPU), cpu or cuda (an error without a GPU); read with <see cref="ComputeTarget.ParseDevice"/>. Default auto.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Auto;

    /// <summary><c>auto</c> (bf16 on CUDA, f32 on CPU), <c>f32</c>, <c>bf16</c> or <c>f16</c>; non-f32 keeps f32 master weights. Default auto.</summary>
    public string DType { get; init; } = "auto";

    /// <summary>CPU threads for torch; 0 leaves torch's default. Default 0.</summary>
    public int Threads { get; init; }

    /// <summary>LoRA adapters (merged into the weights in every checkpoint); null trains all weights. Default null.</summary>
    public LoraOptions? Lora { get; init; }

    /// <summary>Recompute each decoder layer's activations in the backward pass instead of keeping them. Default false.</summary>
    public bool ActivationCheckpointing { get; init; }

    /// <summary>Peak FLOP/s for the MFU figure; null picks 989e12 on CUDA (H100 bf16 dense) or 1e11 per CPU thread. Default null.</summary>
    public double? PeakFlops { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public TrainConfig Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException("invalid train config: " + message);
        }
        Require(Sources.Count > 0, "at least one data source is needed");
        Require(Sources.Select(s => s.Name).Distinct().Count() == Sources.Count, "source names must be unique");
        Require(Sources.All(s => s.Weight > 0 && s.Train.Count > 0 && s.Train.All(t => !string.IsNullOrEmpty(t.Path))), "every source needs training tokens and a positive weight");
        Require(SeqLen > 0 && MicroBatch > 0 && GradAccumulation > 0, "seq_len, micro batch and grad accumulation must be positive");
        Require(LearningRate > 0 && MinLearningRate >= 0 && MinLearningRate <= LearningRate, "need 0 <= min lr <= lr and lr > 0");
        Require(TotalSteps > 0 && WarmupSteps >= 0 && WarmupSteps <= TotalSteps, "need total steps > 0 and 0 <= warmup <= total");
        Require(WeightDecay >= 0 && Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1 && AdamEpsilon > 0, "AdamW settings out of range");
        Require(GradClip >= 0, "grad clip must be >= 0");
        Require(LogInterval > 0 && EvalInterval >= 0 && EvalBatches > 0 && CheckpointInterval >= 0, "intervals must be >= 0 (log interval > 0)");
        Require(Enum.IsDefined(Device), "device must be auto, cpu or cuda");
        Require(DType is "auto" or "f32" or "bf16" or "f16" or "float32" or "bfloat16" or "float16", "dtype must be auto, f32, bf16 or f16");
        Require(Threads >= 0, "threads must be >= 0");
        Require(PeakFlops is null or > 0, "peak flops must be positive");
        Model?.Validate();
        Lora?.Validate();
        var maxPositions = Model?.MaxPositionEmbeddings ?? int.MaxValue;
        Require(InitFrom is not null || SeqLen <= maxPositions, "seq_len exceeds max_position_embeddings");
        return this;
    }
}
