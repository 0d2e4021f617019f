using System.Runtime.CompilerServices;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;

namespace MusicPile.Dedup.Stages;

/// <summary>
/// What the dedup stage reads: every normalised document of the pipeline's sources as they are today, whichever run
/// made it, less what a takedown covers, in one order (source, file, the record's position in the file, the document's
/// order among its record's documents). The documents this run made are registered first; those of records that did
/// not change stay where earlier runs wrote them. So an incremental run and a from-scratch run over the same files
/// deduplicate the same list in the same order and keep the same documents, and a duplicate of a document that left
/// takes its place.
/// </summary>
internal sealed class DocumentPool : IAsyncDisposable
{
    private readonly List<string> _shards = [];
    private readonly List<int> _shardOf = [];
    private readonly List<long> _rowOf = [];
    private readonly PoolShards _reader = new();

    /// <summary>Documents this run made.</summary>
    public long New { get; private set; }

    /// <summary>Documents carried over from earlier runs.</summary>
    public long Carried { get; private set; }

    /// <summary>Live documents left out because a takedown covers them.</summary>
    public long TakenDown { get; private set; }

    /// <summary>Documents the stage reads.</summary>
    public int Count => _rowOf.Count;

    public static async Task<DocumentPool> OpenAsync(StageTask task, IReadOnlyList<TaskOutputFile> inputs, CancellationToken ct)
    {
        await DocumentPoolCatalog.RegisterAsync(task.Catalog, task.RunId, MadeByThisRunAsync(inputs, ct), ct).ConfigureAwait(false);
        var unexplained = await DocumentPoolCatalog.UnexplainedAsync(task.Catalog, task.RunId, ct).ConfigureAwait(false);
        if (unexplained > 0)
            throw new InvalidDataException($"{unexplained} documents of run {task.RunId} carry a source_uri that no record read by the run has");
        var pool = new DocumentPool();
        var shardIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = task.Plan.Pipeline.Sources.Select(s => s.Name).ToList();
        await foreach (var d in DocumentPoolCatalog.LiveAsync(task.Catalog, sources, ct).ConfigureAwait(false))
        {
            if (d.TakenDown)
            {
                pool.TakenDown++;
                continue;
            }
            if (!shardIndex.TryGetValue(d.ShardPath, out var s))
            {
                shardIndex[d.ShardPath] = s = pool._shards.Count;
                pool._shards.Add(d.ShardPath);
            }
            pool._shardOf.Add(s);
            pool._rowOf.Add(d.RowIndex);
            if (d.RunId == task.RunId)
                pool.New++;
            else
                pool.Carried++;
        }
        return pool;
    }

    /// <summary>The documents in pool order.</summary>
    public async IAsyncEnumerable<CorpusRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < _rowOf.Count; i++)
            yield return await _reader.ReadAsync(_shards[_shardOf[i]], _rowOf[i], ct).ConfigureAwait(false);
    }

    /// <summary>
    /// This run's documents, each with the record it came from (its source_uri) and its order among that record's
    /// documents: a stage writes a record's documents one after another (the tune, then its transposed copies...).
    /// </summary>
    private static async IAsyncEnumerable<DocumentPoolCatalog.NewDocument> MadeByThisRunAsync(IReadOnlyList<TaskOutputFile> inputs,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var input in inputs)
        {
            long row = 0;
            string? uri = null;
            var copy = 0;
            await foreach (var r in CorpusShardReader.ReadAsync(input.Path, ct).ConfigureAwait(false))
            {
                copy = r.SourceUri == uri ? copy + 1 : 0;
                uri = r.SourceUri;
                yield return new DocumentPoolCatalog.NewDocument(r.SourceUri, copy, input.Path, row++, r.Id, r.Sha256);
            }
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
