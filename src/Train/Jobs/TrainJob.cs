using System.Globalization;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Tokenize;
using MusicPile.Train;
using Npgsql;

namespace MusicPile.Train.Jobs;

/// <summary>
/// A training run from a snapshot: exports it (one token stream per document kind, reusing exports already made),
/// trains, and records the run, its metrics and its checkpoints in the catalog. Each checkpoint folder also gets the
/// tokenizer (<c>tokenizer.model</c> or <c>musicpile.json</c>), so it can be served on its own.
/// </summary>
public sealed class TrainJob(NpgsqlDataSource db, MusicPileHome home, TextWriter log)
{
    public sealed record Result(long Run, string Snapshot, string Export, int Steps, IReadOnlyList<object> TrainLoss,
        IReadOnlyList<object> ValLoss, double TokensPerSecond, string? Checkpoint, string Device, long Parameters);

    public async Task<Result> RunAsync(string snapshotId, TrainRecipe recipe, string? initDir, bool resume, int? stepsOverride, CancellationToken ct)
    {
        var snapshot = await SnapshotCatalog.ResolveAsync(db, snapshotId, ct).ConfigureAwait(false);
        var tokenizerCache = Path.Combine(home.Root, "tokenizers");
        var tokenizer = await TokenizerFactory.CreateAsync(recipe.Tokenizer, tokenizerCache, ct).ConfigureAwait(false);
        var exportOptions = new ExportOptions { Tokenizer = recipe.Tokenizer, TokenizerCacheDirectory = tokenizerCache, Format = ShardFormat.NanoGpt, ValidationFraction = recipe.ValFraction };
        var probe = TrainPresets.Load(recipe.Preset, tokenizer.VocabSize);
        var seqLen = recipe.Train.TryGetValue("seq_len", out var sl) ? int.Parse(sl, CultureInfo.InvariantCulture) : 256;
        var sources = new List<DataSource>();
        string? firstExport = null;
        foreach (var kind in recipe.Kinds)
        {
            var (row, manifest, reused) = await SnapshotExporter.ExportAsync(db, home, snapshot.Id, exportOptions, null, ct, kind).ConfigureAwait(false);
            var train = Path.Combine(row.OutDir, "train.bin");
            var val = Path.Combine(row.OutDir, "val.bin");
            var trainTokens = manifest.TokensBySplit.GetValueOrDefault("train");
            var valTokens = manifest.TokensBySplit.GetValueOrDefault("val");
            log.WriteLine($"export {row.Id} ({kind}){(reused ? ", already made" : "")}: {trainTokens:N0} train and {valTokens:N0} validation tokens");
            if (trainTokens <= (seqLen + 1) * 4L)
                continue;
            firstExport ??= row.Id;
            sources.Add(new DataSource(kind, train, valTokens > seqLen + 1 ? val : null, recipe.Weights.GetValueOrDefault(kind, 1.0)));
        }
        if (sources.Count == 0)
            throw MusicPileException.Usage($"snapshot {snapshot.Id} has too few tokens to train on with seq_len {seqLen}");
        _ = probe;

        var model = recipe.Model(tokenizer.VocabSize) with { EosTokenId = tokenizer.EosId };
        if (initDir is not null)
        {
            var init = LlamaConfig.Load(Path.Combine(initDir, "config.json"));
            if (init.VocabSize != tokenizer.VocabSize)
                throw MusicPileException.Usage($"--init {initDir}: vocabulary of {init.VocabSize} does not match the tokenizer's {tokenizer.VocabSize}");
        }
        var configJson = JsonSerializer.Serialize(new { recipe = recipe.Json, snapshot = snapshot.Id, init = initDir, tokenizer = tokenizer.Id });
        long runId;
        string? resumeFrom = null;
        var previous = resume ? await TrainCatalog.LatestAsync(db, snapshot.Id, configJson, ct).ConfigureAwait(false) : null;
        if (previous is not null)
        {
            runId = previous.Id;
            resumeFrom = LatestCheckpoint(Path.Combine(home.CheckpointsDir, runId.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            runId = await TrainCatalog.StartAsync(db, snapshot.Id, firstExport!, configJson, initDir, "pending", ct).ConfigureAwait(false);
        }
        var outDir = Path.Combine(home.CheckpointsDir, runId.ToString(CultureInfo.InvariantCulture));
        var config = recipe.Apply(new TrainConfig { Model = initDir is null ? model : null, InitFrom = initDir, OutputDir = outDir, Sources = sources });
        if (stepsOverride is { } steps)
            config = config with { TotalSteps = steps, WarmupSteps = Math.Min(config.WarmupSteps, Math.Max(1, steps / 10)), EvalInterval = Math.Min(config.EvalInterval, Math.Max(1, steps / 4)), CheckpointInterval = Math.Min(config.CheckpointInterval, steps) };
        config.Validate();

        var metrics = new List<TrainCatalog.Metric>();
        var checkpoints = new List<(int, string)>();
        var progress = new SyncProgress(p =>
        {
            switch (p.Kind)
            {
                case TrainEventKind.Train when p.Loss is { } loss:
                    metrics.Add(new TrainCatalog.Metric(p.Step, "train", "", loss, p.TokensPerSecond, p.Mfu, p.LearningRate));
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.TotalSteps}  loss {loss:F4}  lr {p.LearningRate:E2}  {p.TokensPerSecond:F0} tok/s  mfu {p.Mfu:P1}"));
                    break;
                case TrainEventKind.Eval when p.ValidationLoss is { } val:
                    foreach (var (src, l) in val)
                        metrics.Add(new TrainCatalog.Metric(p.Step, "val", src, l, null, null, null));
                    log.WriteLine($"step {p.Step}  validation " + string.Join("  ", val.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F4}"))));
                    break;
                case TrainEventKind.Checkpoint when p.CheckpointPath is { } path:
                    WriteTokenizerInfo(path, recipe.Tokenizer, tokenizer, tokenizerCache, snapshot.Id, firstExport!, runId, p.Step);
                    checkpoints.Add((p.Step, path));
                    log.WriteLine($"checkpoint {path}");
                    break;
            }
        });
        using var trainer = resumeFrom is null ? Trainer.Create(config, progress) : Trainer.Resume(resumeFrom, config, progress);
        log.WriteLine($"training run {runId} on {trainer.Device.type} ({trainer.DType}), {trainer.Model.BaseParameterCount:N0} parameters, {config.TotalSteps} steps" +
            (resumeFrom is null ? "" : $", resumed from {resumeFrom}"));
        var summary = await Task.Run(() => trainer.Run(ct), ct).ConfigureAwait(false);
        var last = summary.LastCheckpoint ?? trainer.SaveCheckpoint();
        if (summary.LastCheckpoint is null)
        {
            WriteTokenizerInfo(last, recipe.Tokenizer, tokenizer, tokenizerCache, snapshot.Id, firstExport!, runId, trainer.Step);
            checkpoints.Add((trainer.Step, last));
        }
        await TrainCatalog.RecordAsync(db, runId, metrics, checkpoints, ct).ConfigureAwait(false);
        await TrainCatalog.FinishAsync(db, runId, "succeeded", ct).ConfigureAwait(false);
        return new Result(runId, snapshot.Id, firstExport!, summary.Step,
            metrics.Where(m => m.Kind == "train").Select(m => (object)new { step = m.Step, loss = m.Loss }).ToList(),
            summary.Validation.Select(v => (object)new { step = v.Step, loss = v.Loss }).ToList(),
            summary.TokensPerSecond, last, trainer.Device.type.ToString().ToLowerInvariant(), trainer.Model.BaseParameterCount);
    }

    private static string? LatestCheckpoint(string dir) => Directory.Exists(dir)
        ? Directory.GetDirectories(dir, "step-*").OrderByDescending(d => int.Parse(Path.GetFileName(d)[5..], CultureInfo.InvariantCulture)).FirstOrDefault()
        : null;

    private static void WriteTokenizerInfo(string checkpoint, string spec, MusicTokenizer tokenizer, string cache, string snapshot, string export, long run, int step)
    {
        string? model = spec switch
        {
            "llama2" => Path.Combine(Llama2Package.DirectoryIn(cache), "tokenizer.model"),
            _ when spec.StartsWith("sentencepiece:", StringComparison.Ordinal) => spec["sentencepiece:".Length..],
            _ => null,
        };
        if (model is not null && File.Exists(model))
            File.Copy(model, Path.Combine(checkpoint, "tokenizer.model"), overwrite: true);
        (CheckpointMetadata.ForTokenizer(spec, tokenizer) with { Snapshot = snapshot, Export = export, TrainRun = run, Step = step }).Save(checkpoint);
    }

    /// <summary>Reports on the trainer's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<TrainProgress> action) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => action(value);
    }
}
