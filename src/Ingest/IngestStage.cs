using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using MusicPile.Core.Text;
using MusicPile.Ingest.Readers;
using MusicPile.Ingest.Validation;

namespace MusicPile.Ingest;

/// <summary>
/// <c>musicpile run pipelines/nightly.yaml</c> (stage type <c>ingest</c>): reads the pipeline's sources, keeps valid
/// records and sends the rest to the rejects with a reason. Only files that are new or changed since the last run are
/// read (size, mtime, then content hash), and of those only the records that changed pass on; deleted files are recorded.
/// </summary>
public sealed class IngestStage : IStage
{
    public Type OptionsType => typeof(IngestOptions);

    public async Task<int> PlanAsync(StagePlan plan, CancellationToken ct)
    {
        var dir = Path.Combine(plan.Home.RunDir(plan.RunId), plan.Stage.Name);
        Directory.CreateDirectory(dir);
        var planPath = Path.Combine(dir, "plan.json");
        var files = await IngestPlan.LoadAsync(planPath, ct).ConfigureAwait(false);
        if (files is null)
        {
            files = await IngestPlanner.PlanAsync(plan, ct).ConfigureAwait(false);
            await files.SaveAsync(planPath, ct).ConfigureAwait(false);
        }
        if (plan.Stage.Tasks > 0)
            return plan.Stage.Tasks;
        return Math.Clamp(files.Files.Count, 1, plan.DefaultTasks);
    }

    public async Task RunAsync(StageTask task, CancellationToken ct)
    {
        var plan = await IngestPlan.LoadAsync(Path.Combine(task.OutputDir, "plan.json"), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("ingest plan missing; the stage must be planned first");
        var options = task.Options<IngestOptions>();
        var (maxRecord, maxFile) = (options.MaxRecordBytes, options.MaxFileBytes);
        var sources = task.Plan.Pipeline.Sources.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var mine = plan.Files.Where((_, i) => i % task.WorldSize == task.Rank).ToList();
        foreach (var file in mine)
        {
            var source = sources[file.Source];
            task.Counters.Count("files");
            task.Counters.AddBytesIn(file.SizeBytes);
            var records = await FileRecords.LoadAsync(task, file, ct).ConfigureAwait(false);
            await foreach (var raw in Read(file, source, maxRecord, maxFile, ct).ConfigureAwait(false))
            {
                if (!records.Carry(raw, out var id))
                    await AcceptAsync(task, file, source, raw, id, maxRecord, ct).ConfigureAwait(false);
            }
            task.Counters.Count("records_unchanged", records.Carried);
            task.OnCommit((conn, tx, token) => SourceFileCatalog.RecordIngestedAsync(conn, tx, file.SourceId, file, task.RunId, token));
            task.OnCommit(records.CommitAsync);
        }
        if (task.Rank == 0)
        {
            task.Counters.Count("files_unchanged", plan.Unchanged);
            task.Counters.Count("files_deleted", plan.Deleted.Count);
            foreach (var skipped in plan.Skipped)
                task.Counters.Count("paths_skipped:" + skipped.Reason);
            foreach (var d in plan.Deleted)
            {
                task.OnCommit((conn, tx, token) => SourceFileCatalog.RecordDeletedAsync(conn, tx, d, task.RunId, token));
                task.OnCommit((conn, tx, token) => SourceRecordCatalog.DeleteFileAsync(conn, tx, d.SourceId, d.Path, token));
            }
        }
    }

    private static IAsyncEnumerable<RawRecord> Read(SourceFile file, SourceDefinition source, long maxRecord, long maxFile, CancellationToken ct) =>
        file.Kind switch
        {
            "abc" => AbcSourceReader.ReadAsync(file.Path, maxFile, ct),
            "jsonl" => JsonlSourceReader.ReadAsync(file.Path, FieldMapping.From(source.Settings), maxRecord, ct),
            "parquet" => ParquetSourceReader.ReadAsync(file.Path, FieldMapping.From(source.Settings), ct),
            _ => TextSourceReader.ReadAsync(file.Path, maxFile, ct),
        };

    private static async Task AcceptAsync(StageTask task, SourceFile file, SourceDefinition source, RawRecord raw, long id, long maxRecord, CancellationToken ct)
    {
        task.Counters.AddIn();
        if (raw.Problem is not null)
        {
            await task.RejectAsync(new RejectRecord(source.Name, file.Path, raw.Position, raw.Problem, raw.ProblemDetail ?? raw.Problem, raw.Text ?? ""), ct).ConfigureAwait(false);
            return;
        }
        var text = raw.Text!;
        var kind = RecordClassifier.Classify(text, raw.KindHint);
        var verdict = RecordValidator.Check(text, kind, maxRecord);
        if (verdict.Reason is not null)
        {
            await task.RejectAsync(new RejectRecord(source.Name, file.Path, raw.Position, verdict.Reason, verdict.Detail ?? verdict.Reason, text), ct).ConfigureAwait(false);
            return;
        }
        if (raw.RepairedFrom is not null)
        {
            verdict.Meta["repaired_from"] = raw.RepairedFrom;
            task.Counters.Count("repaired-encoding:" + raw.RepairedFrom);
        }
        verdict.Meta["licence"] = source.Licence;
        if (raw.Id is not null)
            verdict.Meta["source_id"] = raw.Id;
        if (raw.Fields is not null)
        {
            foreach (var (k, v) in raw.Fields)
                verdict.Meta[k] = v;
        }
        var src = source.Settings.SrcFromRecord && !string.IsNullOrEmpty(raw.Src) ? raw.Src : source.Name;
        task.Counters.Count("kind:" + kind);
        await task.WriteAsync(new CorpusRecord(id, text, src, kind, ContentHash.Of(text), FileRecords.UriOf(file, raw),
            RecordValidator.MetaJson(verdict.Meta)), ct).ConfigureAwait(false);
    }
}
