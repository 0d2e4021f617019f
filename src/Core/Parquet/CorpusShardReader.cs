using System.Runtime.CompilerServices;
using MusicPile.Core.Records;
using Parquet;
using Parquet.Schema;

namespace MusicPile.Core.Parquet;

/// <summary>
/// Reads corpus shards one row group at a time. Files with only MusicPile's own columns (<c>id, text, src</c>) read
/// too: the missing columns get defaults (kind <c>text</c>, sha256 computed, empty uri and meta).
/// </summary>
public static class CorpusShardReader
{
    public static async IAsyncEnumerable<CorpusRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, null, false, ct).ConfigureAwait(false);
        var fields = Fields(path, reader);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            foreach (var r in await ReadGroupAsync(reader, fields, g, ct).ConfigureAwait(false))
                yield return r;
        }
    }

    /// <summary>The shard's columns by name; throws when MusicPile's own columns are missing.</summary>
    internal static Dictionary<string, DataField> Fields(string path, ParquetReader reader)
    {
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var required in new[] { "id", "text", "src" })
        {
            if (!fields.ContainsKey(required))
                throw new InvalidDataException($"{path}: not a corpus shard (no '{required}' column)");
        }
        return fields;
    }

    /// <summary>The rows of row group <paramref name="g"/>.</summary>
    internal static async Task<CorpusRecord[]> ReadGroupAsync(ParquetReader reader, Dictionary<string, DataField> fields, int g, CancellationToken ct)
    {
        using var rg = reader.OpenRowGroupReader(g);
        var n = checked((int)rg.RowCount);
        var ids = await ReadLongs(rg, fields["id"], n, ct).ConfigureAwait(false);
        var text = await ReadStrings(rg, fields, "text", n, ct).ConfigureAwait(false);
        var src = await ReadStrings(rg, fields, "src", n, ct).ConfigureAwait(false);
        var kind = await ReadStrings(rg, fields, "kind", n, ct).ConfigureAwait(false);
        var sha = await ReadStrings(rg, fields, "sha256", n, ct).ConfigureAwait(false);
        var uri = await ReadStrings(rg, fields, "source_uri", n, ct).ConfigureAwait(false);
        var meta = await ReadStrings(rg, fields, "meta", n, ct).ConfigureAwait(false);
        var rows = new CorpusRecord[n];
        for (var i = 0; i < n; i++)
        {
            var t = text![i] ?? "";
            rows[i] = new CorpusRecord(ids[i], t, src![i] ?? "", kind?[i] ?? CorpusRecord.Kinds.Text,
                sha?[i] ?? Text.ContentHash.Of(t), uri?[i] ?? "", meta?[i] ?? "{}");
        }
        return rows;
    }

    /// <summary>The number of rows in a shard, from its footer.</summary>
    public static async Task<long> CountRowsAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, null, false, ct).ConfigureAwait(false);
        long rows = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            rows += rg.RowCount;
        }
        return rows;
    }

    private static async Task<long[]> ReadLongs(ParquetRowGroupReader rg, DataField field, int n, CancellationToken ct)
    {
        if (field.IsNullable)
        {
            var nullable = new long?[n];
            await rg.ReadAsync<long>(field, nullable.AsMemory(), null, ct).ConfigureAwait(false);
            return nullable.Select(v => v ?? 0).ToArray();
        }
        var values = new long[n];
        await rg.ReadAsync<long>(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values;
    }

    private static async Task<string?[]?> ReadStrings(ParquetRowGroupReader rg, Dictionary<string, DataField> fields, string name, int n, CancellationToken ct)
    {
        if (!fields.TryGetValue(name, out var field))
            return null;
        var values = new string?[n];
        await rg.ReadAsync(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values;
    }
}
