using System.Text.Json.Serialization;

namespace MusicPile.Train;

/// <summary>The non-tensor part of <c>trainer_state/</c>: counters, generator states and the config of the run.</summary>
internal sealed record TrainerState
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")] public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("step")] public int Step { get; init; }

    [JsonPropertyName("optimizer_steps")] public long OptimizerSteps { get; init; }

    [JsonPropertyName("tokens_seen")] public long TokensSeen { get; init; }

    /// <summary>State of the window sampler (the data position), as a decimal string so JSON keeps every bit.</summary>
    [JsonPropertyName("data_generator_state")] public string DataGeneratorState { get; init; } = "0";

    /// <summary>State of the trainer's dropout generator, base64 (drives LoRA dropout).</summary>
    [JsonPropertyName("dropout_rng_state")] public string DropoutRngState { get; init; } = "";

    [JsonPropertyName("config")] public TrainConfig Config { get; init; } = new();
}
