using System.Globalization;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Tokenize;
using MusicPile.Train;
using Npgsql;

namespace MusicPile.Train.Jobs;

/// <summary>
/// A training run on an export: the one named (<c>musicpile train --export ID</c>), or the Megatron export of a
/// snapshot, made now unless one with the same options exists (<c>--snapshot ID</c>). Trains one data source per
/// document kind (see <see cref="ExportLayout"/>) and records the run with its export and snapshot, its metrics and
/// checkpoints in the catalog. Each checkpoint folder also gets the tokenizer (<c>tokenizer.model</c> or
/// <c>musicpile.json</c>), so it can be served on its own.
/// </summary>
public sealed class TrainJob(NpgsqlDataSource db, MusicPileHome home, TextWriter log)
{
    public sealed record Result(long Run, string Snapshot, string Export, int Steps, IReadOnlyList<object> TrainLoss,
        IReadOnlyList<object> ValLoss, double TokensPerSecond, string? Checkpoint, string Device, long Parameters, IReadOnlyList<string> ValSources);

    private string TokenizerCache => Path.Combine(home.Root, "tokenizers");

    /// <summary>Exports the snapshot as Megatron shards with the recipe's tokenizer and validation share (reusing an equal export), then trains on it.</summary>
    public async Task<Result> RunOnSnapshotAsync(string snapshotId, TrainRecipe recipe, TrainRunOptions options, CancellationToken ct)
    {
        var exportOptions = new ExportOptions
        {
            Tokenizer = recipe.Tokenizer ?? TrainRecipe.DefaultTokenizer,
            TokenizerCacheDirectory = TokenizerCache,
            Format = ShardFormat.Megatron,
            ValidationFraction = recipe.ValFraction ?? TrainRecipe.DefaultValFraction,
        };
        await CreateTokenizerAsync(exportOptions.Tokenizer, recipe, ct).ConfigureAwait(false);
        var (row, manifest, reused) = await SnapshotExporter.ExportAsync(db, home, snapshotId, exportOptions, null, ct).ConfigureAwait(false);
        log.WriteLine($"export {row.Id} of snapshot {row.SnapshotId}{(reused ? ", already made" : "")}: {row.Tokens:N0} tokens ({row.Tokenizer}, {row.Format})");
        return await TrainAsync(row, manifest, recipe, options, ct).ConfigureAwait(false);
    }

    /// <summary>Trains on an export already made; its tokenizer and validation split are the run's.</summary>
    public async Task<Result> RunOnExportAsync(string exportId, TrainRecipe recipe, TrainRunOptions options, CancellationToken ct)
    {
        var row = await SnapshotExporter.GetAsync(db, exportId, ct).ConfigureAwait(false)
            ?? throw MusicPileException.Usage($"--export {exportId}: no such export in the catalog");
        var manifestPath = Path.Combine(row.OutDir, ExportManifest.FileName);
        if (!File.Exists(manifestPath))
            throw MusicPileException.Usage($"{manifestPath}: export {row.Id}'s manifest is missing");
        var manifest = await ExportManifest.ReadAsync(manifestPath, ct).ConfigureAwait(false);
        if (manifest.Format == ShardFormat.Parquet)
            throw MusicPileException.Usage($"--export {row.Id}: a Parquet export is for other tools; train reads megatron, llmc or nanogpt exports");
        if (recipe.Tokenizer is { } spec && spec != row.Tokenizer)
        {
            var wanted = await CreateTokenizerAsync(spec, recipe, ct).ConfigureAwait(false);
            if (wanted.VocabularyHash != row.VocabHash)
                throw MusicPileException.Usage($"{recipe.File}: tokenizer {spec} does not match export {row.Id}'s {row.Tokenizer} " +
                    $"(vocabulary {wanted.VocabularyHash[..12]} against {row.VocabHash[..12]}); leave tokenizer out of the config to train with the export's");
        }
        if (recipe.ValFraction is { } fraction && fraction != manifest.ValidationFraction)
            throw MusicPileException.Usage(string.Create(CultureInfo.InvariantCulture,
                $"{recipe.File}: val_fraction {fraction} does not match export {row.Id}'s {manifest.ValidationFraction}; leave it out of the config to use the export's split"));
        return await TrainAsync(row, manifest, recipe, options, ct).ConfigureAwait(false);
    }

    private async Task<Result> TrainAsync(SnapshotExporter.ExportRow export, ExportManifest manifest, TrainRecipe recipe, TrainRunOptions options, CancellationToken ct)
    {
        var tokenizerCache = TokenizerCache;
        var tokenizer = await TokenizerFactory.CreateAsync(export.Tokenizer, tokenizerCache, ct).ConfigureAwait(false);
        if (tokenizer.VocabularyHash != export.VocabHash)
            throw MusicPileException.Usage($"export {export.Id}: tokenizer {export.Tokenizer} now has another vocabulary than the export was made with");
        var layout = await ExportLayout.ReadAsync(db, home, export, manifest, ct).ConfigureAwait(false);
        var sources = ExportSources.Of(layout, export.Id, recipe, log);
        if (sources.Count == 0)
            throw MusicPileException.Usage($"export {export.Id} has too few tokens to train on with seq_len {recipe.Trainer.SeqLen}");

        var initDir = options.InitDir;
        var model = recipe.Model.For(tokenizer.VocabSize) with { EosTokenId = tokenizer.EosId };
        if (initDir is not null)
        {
            var init = LlamaConfig.Load(Path.Combine(initDir, "config.json"));
            if (init.VocabSize != tokenizer.VocabSize)
                throw MusicPileException.Usage($"--init {initDir}: vocabulary of {init.VocabSize} does not match the tokenizer's {tokenizer.VocabSize}");
        }
        var configJson = JsonSerializer.Serialize(new
        {
            recipe = recipe.Text, snapshot = export.SnapshotId, export = export.Id, init = initDir, tokenizer = tokenizer.Id,
            validation_fraction = manifest.ValidationFraction, validation_sources = sources.Where(s => s.Validation.Count > 0).Select(s => s.Name),
        });
        long runId;
        string? resumeFrom = null;
        var previous = options.Resume ? await TrainCatalog.LatestAsync(db, export.SnapshotId, configJson, ct).ConfigureAwait(false) : null;
        if (previous is not null)
        {
            runId = previous.Id;
            resumeFrom = LatestCheckpoint(Path.Combine(home.CheckpointsDir, runId.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            runId = await TrainCatalog.StartAsync(db, export.SnapshotId, export.Id, configJson, initDir, "pending", ct).ConfigureAwait(false);
        }
        var outDir = Path.Combine(home.CheckpointsDir, runId.ToString(CultureInfo.InvariantCulture));
        var config = recipe.Trainer with { Model = initDir is null ? model : null, InitFrom = initDir, OutputDir = outDir, Sources = sources };
        if (options.Steps is { } steps)
            config = config with { TotalSteps = steps, WarmupSteps = Math.Min(config.WarmupSteps, Math.Max(1, steps / 10)), EvalInterval = Math.Min(config.EvalInterval, Math.Max(1, steps / 4)), CheckpointInterval = Math.Min(config.CheckpointInterval, steps) };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw MusicPileException.Usage($"{recipe.File}: {e.Message}");
        }
        var snapshotId = export.SnapshotId;
        var exportId = export.Id;

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
                    WriteTokenizerInfo(path, export.Tokenizer, tokenizer, tokenizerCache, snapshotId, exportId, runId, p.Step);
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
            WriteTokenizerInfo(last, export.Tokenizer, tokenizer, tokenizerCache, snapshotId, exportId, runId, trainer.Step);
            checkpoints.Add((trainer.Step, last));
        }
        await TrainCatalog.RecordAsync(db, runId, metrics, checkpoints, ct).ConfigureAwait(false);
        await TrainCatalog.FinishAsync(db, runId, "succeeded", ct).ConfigureAwait(false);
        return new Result(runId, snapshotId, exportId, summary.Step,
            metrics.Where(m => m.Kind == "train").Select(m => (object)new { step = m.Step, loss = m.Loss }).ToList(),
            summary.Validation.Select(v => (object)new { step = v.Step, loss = v.Loss }).ToList(),
            summary.TokensPerSecond, last, trainer.Device.type.ToString().ToLowerInvariant(), trainer.Model.BaseParameterCount,
            sources.Where(s => s.Validation.Count > 0).Select(s => s.Name).ToList());
    }

    /// <summary>The recipe's tokenizer, with an unknown spec reported against the config file.</summary>
    private async Task<MusicTokenizer> CreateTokenizerAsync(string spec, TrainRecipe recipe, CancellationToken ct)
    {
        try
        {
            return await TokenizerFactory.CreateAsync(spec, TokenizerCache, ct).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw MusicPileException.Usage($"{recipe.File}: tokenizer: {e.Message}");
        }
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
