using System.Globalization;
using MusicPile.Core.Parquet;
using MusicPile.Core.Records;
using Npgsql;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// One task of a stage: its slice of the input, its output shard, its rejects and its counters. The runner
/// completes and verifies the outputs after <see cref="IStage.RunAsync"/> returns, and marks the task done in the
/// same transaction that records them.
/// </summary>
public sealed class StageTask : IAsyncDisposable
{
    private readonly List<(string Path, string Role)> _aux = [];
    private readonly List<Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>> _onCommit = [];
    private readonly List<RejectRecord> _catalogRejects = [];
    private readonly object _rejectLock = new();
    private CorpusShardWriter? _output;
    private RejectShardWriter? _rejects;
    private long _written;

    internal StageTask(StagePlan plan, int rank, int worldSize)
    {
        Plan = plan;
        Rank = rank;
        WorldSize = worldSize;
        OutputDir = Path.Combine(plan.Home.RunDir(plan.RunId), plan.Stage.Name);
        Directory.CreateDirectory(OutputDir);
        Counters.AddBytesIn(MyInputs.Sum(f => f.SizeBytes));
    }

    public StagePlan Plan { get; }
    public long RunId => Plan.RunId;
    public StageDefinition Stage => Plan.Stage;
    public int Rank { get; }
    public int WorldSize { get; }
    public TaskCounters Counters { get; } = new();
    public string OutputDir { get; }
    public NpgsqlDataSource Catalog => Plan.Catalog;
    public MusicPileHome Home => Plan.Home;

    public string DataPath => Path.Combine(OutputDir, $"part-{Rank:00000}.parquet");
    public string RejectsPath => Path.Combine(Plan.Home.RunDir(RunId), "rejects", $"{Stage.Name}-part-{Rank:00000}.parquet");

    /// <summary>This task's share of the previous stage's data files: file i belongs to rank i mod world size.</summary>
    public IReadOnlyList<TaskOutputFile> MyInputs =>
        Plan.Inputs.Where(f => f.Role == TaskOutputFile.Roles.Data).Where((_, i) => i % WorldSize == Rank).ToList();

    public CorpusShardWriter Output => _output ??= CorpusShardWriter.Create(DataPath);

    /// <summary>The stage's options, bound to its options record (<see cref="StagePlan.Options{T}"/>).</summary>
    public T Options<T>() where T : class, new() => Plan.Options<T>();

    /// <summary>Writes a kept record to this task's shard and counts it.</summary>
    public async ValueTask WriteAsync(CorpusRecord record, CancellationToken ct)
    {
        await Output.WriteAsync(record, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _written);
        Counters.AddKept();
    }

    /// <summary>
    /// Counts records the stage kept in files it writes itself rather than in its data shard (the publish stage's
    /// snapshot files), with the bytes of those files.
    /// </summary>
    public void KeptElsewhere(long records, long bytes)
    {
        Counters.AddKept(records);
        Counters.AddBytesOut(bytes);
    }

    /// <summary>Sends a record to the rejects (Parquet and catalog) with its reason, and counts it.</summary>
    public async ValueTask RejectAsync(RejectRecord reject, CancellationToken ct)
    {
        _rejects ??= RejectShardWriter.Create(RejectsPath);
        await _rejects.WriteAsync(reject, ct).ConfigureAwait(false);
        Counters.AddRejected(reject.Reason);
        lock (_rejectLock)
            _catalogRejects.Add(reject with { Text = "" });
    }

    /// <summary>A path in this task's output folder for an extra file the stage writes itself (complete on return).</summary>
    public string AuxPath(string fileName, string role = TaskOutputFile.Roles.Aux)
    {
        var path = Path.Combine(OutputDir, fileName);
        _aux.Add((path, role));
        return path;
    }

    /// <summary>Catalog writes that must commit together with the task's outputs and its done mark.</summary>
    public void OnCommit(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> action) => _onCommit.Add(action);

    internal IReadOnlyList<RejectRecord> CatalogRejects => _catalogRejects;
    internal IReadOnlyList<Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>> CommitActions => _onCommit;

    /// <summary>Finishes the shards and reads every output back from disk: size, rows and checksum.</summary>
    internal async Task<IReadOnlyList<TaskOutputFile>> CompleteAndVerifyAsync(CancellationToken ct)
    {
        await Output.CompleteAsync(ct).ConfigureAwait(false);
        var files = new List<(string Path, string Role)> { (DataPath, TaskOutputFile.Roles.Data) };
        if (_rejects is not null)
        {
            await _rejects.CompleteAsync(ct).ConfigureAwait(false);
            files.Add((RejectsPath, TaskOutputFile.Roles.Rejects));
        }
        files.AddRange(_aux);
        var verified = new List<TaskOutputFile>();
        foreach (var (path, role) in files)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new IOException($"task output {path} is missing after the task finished");
            var rows = path.EndsWith(".parquet", StringComparison.Ordinal) ? await CorpusShardReader.CountRowsAsync(path, ct).ConfigureAwait(false) : 0;
            var sha = await Text.ContentHash.OfFileAsync(path, ct).ConfigureAwait(false);
            verified.Add(new TaskOutputFile(Stage.Name, Rank, role, path, info.Length, rows, sha));
        }
        if (verified[0].Rows != _written)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{DataPath}: {verified[0].Rows} rows on disk but {_written} written"));
        Counters.AddBytesOut(verified.Where(v => v.Role == TaskOutputFile.Roles.Data).Sum(v => v.SizeBytes));
        return verified;
    }

    public async ValueTask DisposeAsync()
    {
        if (_output is not null)
            await _output.DisposeAsync().ConfigureAwait(false);
        if (_rejects is not null)
            await _rejects.DisposeAsync().ConfigureAwait(false);
    }
}
