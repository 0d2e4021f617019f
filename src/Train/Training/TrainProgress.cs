namespace MusicPile.Train;

/// <summary>One progress report of a run, for a CLI to print as a line or drive a bar.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Step">Optimiser steps completed.</param>
/// <param name="TotalSteps">Steps the run will take.</param>
/// <param name="Loss">Mean training loss over the interval (Train), else null.</param>
/// <param name="LearningRate">Rate of the latest step (Train), else null.</param>
/// <param name="TokensPerSecond">Training throughput over the interval (Train), else null.</param>
/// <param name="Mfu">Model FLOPs utilisation, 0..1, from 6·N + attention FLOPs per token (Train), else null.</param>
/// <param name="GradNorm">Gradient norm before clipping of the latest step (Train), else null.</param>
/// <param name="ValidationLoss">Loss per source name (Eval), else null.</param>
/// <param name="CheckpointPath">The folder written (Checkpoint), else null.</param>
public sealed record TrainProgress(
    TrainEventKind Kind,
    int Step,
    int TotalSteps,
    double? Loss = null,
    double? LearningRate = null,
    double? TokensPerSecond = null,
    double? Mfu = null,
    double? GradNorm = null,
    IReadOnlyDictionary<string, double>? ValidationLoss = null,
    string? CheckpointPath = null);
