namespace MusicPile.Train.Jobs;

/// <summary>
/// Binds the <c>train:</c> section of a training config onto <see cref="TrainConfig"/>'s properties (snake_case keys);
/// a key left out keeps the trainer's documented default.
/// </summary>
internal static class TrainerSettings
{
    private static readonly string[] DTypes = ["auto", "f32", "bf16", "f16", "float32", "bfloat16", "float16"];

    public static TrainConfig Bind(RecipeSection? t)
    {
        var c = new TrainConfig();
        if (t is null)
            return c;
        var loraRank = t.Int("lora_rank", 1);
        var loraAlpha = t.Double("lora_alpha", positive: true);
        var loraDropout = t.Double("lora_dropout", 0, 0.99);
        c = c with
        {
            SeqLen = t.Int("seq_len", 1) ?? c.SeqLen,
            MicroBatch = t.Int("micro_batch", 1) ?? c.MicroBatch,
            GradAccumulation = t.Int("grad_accumulation", 1) ?? c.GradAccumulation,
            LearningRate = t.Double("learning_rate", positive: true) ?? c.LearningRate,
            MinLearningRate = t.Double("min_learning_rate") ?? c.MinLearningRate,
            WarmupSteps = t.Int("warmup_steps", 0) ?? c.WarmupSteps,
            TotalSteps = t.Int("total_steps", 1) ?? c.TotalSteps,
            WeightDecay = t.Double("weight_decay") ?? c.WeightDecay,
            Beta1 = t.Double("beta1", 0, 0.9999) ?? c.Beta1,
            Beta2 = t.Double("beta2", 0, 0.9999) ?? c.Beta2,
            AdamEpsilon = t.Double("adam_epsilon", positive: true) ?? c.AdamEpsilon,
            GradClip = t.Double("grad_clip") ?? c.GradClip,
            LogInterval = t.Int("log_interval", 1) ?? c.LogInterval,
            EvalInterval = t.Int("eval_interval", 0) ?? c.EvalInterval,
            EvalBatches = t.Int("eval_batches", 1) ?? c.EvalBatches,
            CheckpointInterval = t.Int("checkpoint_interval", 0) ?? c.CheckpointInterval,
            Seed = t.Int("seed", int.MinValue) ?? c.Seed,
            Device = t.Choice("device", ComputeTarget.DeviceNames) is { } device ? ComputeTarget.ParseDevice(device) : c.Device,
            DType = t.Choice("dtype", DTypes) ?? c.DType,
            Threads = t.Int("threads", 0) ?? c.Threads,
            ActivationCheckpointing = t.Bool("activation_checkpointing") ?? c.ActivationCheckpointing,
            PeakFlops = t.Double("peak_flops", positive: true) ?? c.PeakFlops,
            Lora = loraRank is { } rank ? new LoraOptions { Rank = rank, Alpha = loraAlpha ?? 16, Dropout = loraDropout ?? 0.1 } : c.Lora,
        };
        t.RejectUnknown();
        return c;
    }
}
