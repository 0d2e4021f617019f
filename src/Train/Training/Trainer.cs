using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// Pre-trains (or continues pre-training) a LLaMA model on a weighted mixture of token files:
/// AdamW, warmup + cosine schedule, gradient accumulation and clipping, validation loss per source,
/// and atomic <c>step-{n}/</c> checkpoints that <see cref="Resume"/> continues exactly.
/// Example: <c>using var t = Trainer.Create(config, progress); t.Run(ct);</c>
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly IProgress<TrainProgress>? _progress;
    private readonly TokenMixture _data;
    private readonly AdamW _optimizer;
    private readonly ComputeTarget _target;
    private readonly LearningRateSchedule _schedule;
    private readonly long[] _inputs;
    private readonly long[] _targets;
    private readonly double _flopsPerToken;
    private readonly Generator _dropoutGenerator;

    private Trainer(TrainConfig config, IProgress<TrainProgress>? progress, string? resumeFrom)
    {
        Config = config.Validate();
        _progress = progress;
        _target = ComputeTarget.Resolve(config);
        var state = resumeFrom is null ? null : TrainerCheckpoint.ReadState(resumeFrom);
        Model = BuildModel(config, resumeFrom);
        _dropoutGenerator = new Generator(0, _target.Device);
        _dropoutGenerator.manual_seed(config.Seed ^ 0x5DEECE66DL);
        try
        {
            if (config.SeqLen > Model.Config.MaxPositionEmbeddings)
                throw new ArgumentException($"seq_len {config.SeqLen} exceeds the model's max_position_embeddings {Model.Config.MaxPositionEmbeddings}");
            if (config.Lora is not null)
            {
                Model.AddLora(config.Lora);
                if (resumeFrom is not null) TrainerCheckpoint.RestoreAdapters(resumeFrom, Model);
            }
            Model.to(_target.DType);
            Model.to(_target.Device);
            Model.train();
            Model.DropoutGenerator = _dropoutGenerator;
            Model.ActivationCheckpointing = config.ActivationCheckpointing;
            _optimizer = new AdamW(
                Model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, p.parameter, !LlamaForCausalLM.IsNoDecay(p.name, p.parameter))),
                config.Beta1, config.Beta2, config.AdamEpsilon, config.WeightDecay);
            _data = new TokenMixture(config.Sources, config.SeqLen, unchecked((ulong)config.Seed));
            if (state is not null && resumeFrom is not null)
                RestoreState(resumeFrom, state);
        }
        catch
        {
            _data?.Dispose();
            _optimizer?.Dispose();
            _dropoutGenerator.Dispose();
            Model.Dispose();
            throw;
        }
        _schedule = new LearningRateSchedule(config.LearningRate, config.MinLearningRate, config.WarmupSteps, config.TotalSteps);
        _inputs = new long[config.MicroBatch * config.SeqLen];
        _targets = new long[config.MicroBatch * config.SeqLen];
        _flopsPerToken = FlopsEstimate.PerToken(Model.Config, config.SeqLen);
    }

    /// <summary>The run's settings.</summary>
    public TrainConfig Config { get; }

    /// <summary>The model being trained (on <see cref="Device"/>).</summary>
    public LlamaForCausalLM Model { get; }

    /// <summary>The device computing: CUDA when available and allowed, else CPU.</summary>
    public Device Device => _target.Device;

    /// <summary>The dtype the model computes in.</summary>
    public ScalarType DType => _target.DType;

    /// <summary>Optimiser steps completed.</summary>
    public int Step { get; private set; }

    /// <summary>Training tokens consumed so far.</summary>
    public long TokensSeen { get; private set; }

    /// <summary>Starts a run: a new model from <see cref="TrainConfig.Model"/>, or <see cref="TrainConfig.InitFrom"/> to continue pre-training.</summary>
    public static Trainer Create(TrainConfig config, IProgress<TrainProgress>? progress = null) => new(config, progress, null);

    /// <summary>
    /// Continues from a <c>step-{n}/</c> checkpoint with the same model, optimiser, schedule position and
    /// data position. <paramref name="config"/> replaces the saved settings when given (e.g. more total steps).
    /// </summary>
    public static Trainer Resume(string checkpointDir, TrainConfig? config = null, IProgress<TrainProgress>? progress = null)
    {
        var saved = TrainerCheckpoint.ReadState(checkpointDir);
        return new Trainer(config ?? saved.Config, progress, checkpointDir);
    }

    /// <summary>The learning rate of the step after <paramref name="step"/>.</summary>
    public double LearningRateAt(int step) => _schedule.At(step);

    /// <summary>One optimiser step over <see cref="TrainConfig.GradAccumulation"/> micro-batches; reports that step alone.</summary>
    public TrainProgress TrainStep()
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var learningRate = _schedule.At(Step);
        double lossSum = 0;
        for (var micro = 0; micro < Config.GradAccumulation; micro++)
        {
            _data.NextBatch(Config.MicroBatch, _inputs, _targets);
            var inputs = tensor(_inputs, [Config.MicroBatch, Config.SeqLen]).to(Device);
            var targets = tensor(_targets, [Config.MicroBatch, Config.SeqLen]).to(Device);
            var loss = Model.Loss(inputs, targets) / Config.GradAccumulation;
            loss.backward();
            lossSum += loss.item<float>();
        }
        var gradNorm = Config.GradClip > 0
            ? nn.utils.clip_grad_norm_(_optimizer.Parameters, Config.GradClip)
            : double.NaN;
        _optimizer.Step(learningRate);
        _optimizer.ZeroGrad();
        Step++;
        var tokens = (long)Config.MicroBatch * Config.SeqLen * Config.GradAccumulation;
        TokensSeen += tokens;
        var tokensPerSecond = tokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        return new TrainProgress(TrainEventKind.Train, Step, Config.TotalSteps, lossSum, learningRate,
            tokensPerSecond, Mfu(tokensPerSecond), double.IsNaN(gradNorm) ? null : gradNorm);
    }

    /// <summary>Mean validation loss per source over the same <see cref="TrainConfig.EvalBatches"/> windows each time.</summary>
    public IReadOnlyDictionary<string, double> Evaluate()
    {
        var losses = new Dictionary<string, double>(StringComparer.Ordinal);
        Model.eval();
        try
        {
            using var guard = no_grad();
            foreach (var source in _data.ValidationSources)
            {
                double sum = 0;
                var count = 0;
                foreach (var (inputs, targets) in _data.ValidationBatches(source, Config.EvalBatches, Config.MicroBatch))
                {
                    using var scope = NewDisposeScope();
                    var x = tensor(inputs, [Config.MicroBatch, Config.SeqLen]).to(Device);
                    var y = tensor(targets, [Config.MicroBatch, Config.SeqLen]).to(Device);
                    sum += Model.Loss(x, y).item<float>();
                    count++;
                }
                losses[source] = sum / count;
            }
        }
        finally
        {
            Model.train();
            Model.DropoutGenerator = _dropoutGenerator;
        }
        return losses;
    }

    /// <summary>Writes <c>{OutputDir}/step-{Step}/</c> atomically and returns its path.</summary>
    public string SaveCheckpoint()
    {
        using var rng = _dropoutGenerator.get_state();
        var state = new TrainerState
        {
            Step = Step,
            OptimizerSteps = _optimizer.StepCount,
            TokensSeen = TokensSeen,
            DataGeneratorState = _data.State.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DropoutRngState = Convert.ToBase64String(rng.bytes),
            Config = Config,
        };
        return TrainerCheckpoint.Write(Config.OutputDir, Step, Model, _optimizer, state);
    }

    /// <summary>
    /// Trains to <see cref="TrainConfig.TotalSteps"/>, reporting loss and throughput every log interval,
    /// validating every eval interval (and before the first step of a fresh run) and checkpointing every
    /// checkpoint interval and at the end. On cancellation it writes a checkpoint and returns early.
    /// </summary>
    public TrainSummary Run(CancellationToken cancellationToken = default)
    {
        var validation = new List<(int, IReadOnlyDictionary<string, double>)>();
        string? lastCheckpoint = null;
        var lastSaved = -1;
        if (Step == 0 && Config.EvalInterval > 0)
            validation.Add((0, ReportEvaluation()));
        double intervalLoss = 0, intervalSeconds = 0, totalSeconds = 0, lastLoss = double.NaN;
        long intervalTokens = 0, totalTokens = 0;
        var intervalSteps = 0;
        while (Step < Config.TotalSteps && !cancellationToken.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            var step = TrainStep();
            var seconds = clock.Elapsed.TotalSeconds;
            var tokens = (long)Config.MicroBatch * Config.SeqLen * Config.GradAccumulation;
            lastLoss = step.Loss ?? double.NaN;
            intervalLoss += lastLoss;
            intervalSeconds += seconds;
            totalSeconds += seconds;
            intervalTokens += tokens;
            totalTokens += tokens;
            intervalSteps++;
            if (Step % Config.LogInterval == 0 || Step == Config.TotalSteps)
            {
                var rate = intervalTokens / Math.Max(intervalSeconds, 1e-9);
                _progress?.Report(step with { Loss = intervalLoss / intervalSteps, TokensPerSecond = rate, Mfu = Mfu(rate) });
                (intervalLoss, intervalSeconds, intervalTokens, intervalSteps) = (0, 0, 0, 0);
            }
            if (Config.EvalInterval > 0 && (Step % Config.EvalInterval == 0 || Step == Config.TotalSteps))
                validation.Add((Step, ReportEvaluation()));
            if ((Config.CheckpointInterval > 0 && Step % Config.CheckpointInterval == 0) || Step == Config.TotalSteps)
            {
                lastCheckpoint = ReportCheckpoint();
                lastSaved = Step;
            }
        }
        if (cancellationToken.IsCancellationRequested && lastSaved != Step)
            lastCheckpoint = ReportCheckpoint();
        return new TrainSummary(Step, lastLoss, validation, lastCheckpoint, totalTokens / Math.Max(totalSeconds, 1e-9));
    }

    /// <summary>Frees the model, optimiser state and mapped token files.</summary>
    public void Dispose()
    {
        _optimizer.Dispose();
        _data.Dispose();
        Model.Dispose();
        _dropoutGenerator.Dispose();
    }

    private IReadOnlyDictionary<string, double> ReportEvaluation()
    {
        var losses = Evaluate();
        _progress?.Report(new TrainProgress(TrainEventKind.Eval, Step, Config.TotalSteps, ValidationLoss: losses));
        return losses;
    }

    private string ReportCheckpoint()
    {
        var path = SaveCheckpoint();
        _progress?.Report(new TrainProgress(TrainEventKind.Checkpoint, Step, Config.TotalSteps, CheckpointPath: path));
        return path;
    }

    private void RestoreState(string checkpointDir, TrainerState state)
    {
        TrainerCheckpoint.RestoreOptimizer(checkpointDir, _optimizer, state.OptimizerSteps);
        _data.State = ulong.Parse(state.DataGeneratorState, System.Globalization.CultureInfo.InvariantCulture);
        if (state.DropoutRngState.Length > 0)
        {
            using var rng = tensor(Convert.FromBase64String(state.DropoutRngState));
            _dropoutGenerator.set_state(rng);
        }
        Step = state.Step;
        TokensSeen = state.TokensSeen;
    }

    private double Mfu(double tokensPerSecond) => _flopsPerToken * tokensPerSecond / _target.PeakFlops;

    private static LlamaForCausalLM BuildModel(TrainConfig config, string? resumeFrom)
    {
        if (resumeFrom is not null && config.Lora is null)
            return HfCheckpoint.Load(resumeFrom);
        if (config.InitFrom is not null)
            return HfCheckpoint.Load(config.InitFrom);
        return new LlamaForCausalLM(config.Model ?? TrainPresets.Tiny, config.Seed);
    }
}
