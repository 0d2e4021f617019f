using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using Npgsql;

namespace MusicPile.Ingest;

/// <summary>
/// The records of one file as a run finds them. A record the catalog already holds for the file (same id, so same
/// content) is carried over: its documents stay where the run that first read it put them, and it is not read again.
/// The rest are read; at commit the file's rows in <c>source_records</c> are replaced by what the file holds today.
/// </summary>
internal sealed class FileRecords
{
    private readonly SourceFile _file;
    private readonly long _runId;
    private readonly IReadOnlyDictionary<long, SourceRecordCatalog.RecordRow> _known;
    private readonly RecordIdentity _identity;
    private readonly List<SourceRecordCatalog.RecordRow> _rows = [];
    private int _ordinal;

    private FileRecords(SourceFile file, long runId, IReadOnlyDictionary<long, SourceRecordCatalog.RecordRow> known)
    {
        _file = file;
        _runId = runId;
        _known = known;
        _identity = new RecordIdentity(file.Source, file.Path);
    }

    /// <summary>Records carried over from an earlier run.</summary>
    public int Carried { get; private set; }

    /// <summary>The file's records as the catalog knows them, when the plan allows reusing them.</summary>
    public static async Task<FileRecords> LoadAsync(StageTask task, SourceFile file, CancellationToken ct)
    {
        var known = file.Reuse
            ? (await SourceRecordCatalog.OfFileAsync(task.Catalog, file.SourceId, file.Path, ct).ConfigureAwait(false)).ToDictionary(r => r.RecordId)
            : [];
        return new FileRecords(file, task.RunId, known);
    }

    /// <summary>The <c>source_uri</c> of a record: its file and its position there.</summary>
    public static string UriOf(SourceFile file, RawRecord raw) => $"{file.Path}#{raw.Position}";

    /// <summary>
    /// Takes the next record of the file: true when it is carried over (skip it), false when it must be read; then
    /// <paramref name="id"/> is its document id (0 for a record with no text, which is only rejected).
    /// </summary>
    public bool Carry(RawRecord raw, out long id)
    {
        var ordinal = _ordinal++;
        id = 0;
        if (raw.Problem is not null || raw.Text is null)
            return false;
        id = _identity.IdOf(raw);
        if (_known.TryGetValue(id, out var known))
        {
            _rows.Add(known with { Ordinal = ordinal });
            Carried++;
            return true;
        }
        _rows.Add(new SourceRecordCatalog.RecordRow(id, ordinal, _runId, UriOf(_file, raw)));
        return false;
    }

    /// <summary>Replaces the file's records in the catalog; part of the task's commit.</summary>
    public Task CommitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        SourceRecordCatalog.ReplaceAsync(conn, tx, _file.SourceId, _file.Path, _rows, ct);
}
