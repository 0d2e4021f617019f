namespace MusicPile.Dedup.Stages;

/// <summary>
/// The dedup stage's document index rows, spilled to a file while the shards are read and read back when they are
/// copied into the catalog at commit, so memory does not grow with the corpus.
/// </summary>
internal sealed class DocumentIndexSpill : IDisposable
{
    private readonly string _path;
    private BinaryWriter? _writer;

    public DocumentIndexSpill(string path)
    {
        _path = path;
        _writer = new BinaryWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));
    }

    public long Count { get; private set; }

    public void Add(long id, string sha256, string src, string kind, long row, bool kept)
    {
        _writer!.Write(id);
        _writer.Write(sha256);
        _writer.Write(src);
        _writer.Write(kind);
        _writer.Write(row);
        _writer.Write(kept);
        Count++;
    }

    public void Complete()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>The rows spilled, in the order they were added (read back from the file).</summary>
    public IEnumerable<DocumentIndexRow> Rows()
    {
        using var reader = new BinaryReader(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        for (long i = 0; i < Count; i++)
            yield return new DocumentIndexRow(reader.ReadInt64(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadBoolean());
    }

    public void Dispose() => _writer?.Dispose();
}
