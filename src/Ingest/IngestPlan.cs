using System.Text.Json;

namespace MusicPile.Ingest;

/// <summary>
/// The files one ingest run processes, fixed when the run first plans the stage and stored beside its output, so a
/// resumed run gives every task the same files even after some of them were recorded as ingested.
/// </summary>
internal sealed record IngestPlan(IReadOnlyList<SourceFile> Files, IReadOnlyList<DeletedFile> Deleted, int Unchanged)
{
    /// <summary>Paths the sources' globs met but did not read (links that loop, dangle or lead out of a source), with why.</summary>
    public IReadOnlyList<SkippedPath> Skipped { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static async Task<IngestPlan?> LoadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            return null;
        await using var f = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<IngestPlan>(f, Options, ct).ConfigureAwait(false);
    }

    public async Task SaveAsync(string path, CancellationToken ct)
    {
        var tmp = path + ".tmp";
        await using (var f = File.Create(tmp))
        {
            await JsonSerializer.SerializeAsync(f, this, Options, ct).ConfigureAwait(false);
            f.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }
}

internal sealed record DeletedFile(long SourceId, string Source, string Path);
