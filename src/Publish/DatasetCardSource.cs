namespace MusicPile.Publish;

/// <summary>One source of a snapshot as its dataset card lists it: the folder of its Parquet files, its licences and documents per kind.</summary>
public sealed record DatasetCardSource(string Name, string Folder, IReadOnlyList<string> Licences, IReadOnlyDictionary<string, long> DocumentsByKind)
{
    /// <summary>The source's documents, all kinds together.</summary>
    public long Documents => DocumentsByKind.Values.Sum();
}
