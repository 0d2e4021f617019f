using Parquet;

namespace MusicPile.Ingest.Readers;

/// <summary>Parquet with MusicPile's or MusicPile-sft's columns, or columns renamed by the source's options.</summary>
internal static class ParquetSourceReader
{
    /// <summary>The fewest bytes of file one row is taken to need (a value, or at least its share of the levels and page headers).</summary>
    private const long MinRowBytes = 1;

    public static async IAsyncEnumerable<RawRecord> ReadAsync(string path, FieldMapping map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ParquetReader reader;
        var file = File.OpenRead(path);
        string? openError = null;
        try
        {
            reader = await ParquetReader.CreateAsync(file, null, false, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ParquetException or Parquet.Meta.Proto.ThriftProtocolException or IndexOutOfRangeException or ArgumentException)
        {
            reader = null!;
            openError = e.Message;
        }
        if (openError is not null)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            yield return new RawRecord("footer", null, Problem: "corrupt-parquet", ProblemDetail: openError);
            yield break;
        }
        await using var _ = file;
        await using var __ = reader;
        var wanted = new[] { map.Text, map.Id, map.Src, map.Instruction, map.Input, map.Output };
        var fields = reader.Schema.GetDataFields().Where(f => wanted.Contains(f.Name)).ToList();
        long row = 0;
        var fileBytes = file.Length;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var columns = new Dictionary<string, string?[]>(StringComparer.Ordinal);
            string? groupError = null;
            int n = 0;
            try
            {
                using var rg = reader.OpenRowGroupReader(g);
                n = CheckedCount(rg.RowCount, "rows", fileBytes, g);
                foreach (var f in fields)
                {
                    if (rg.GetMetadata(f)?.MetaData is { } meta)
                        CheckedCount(meta.NumValues, $"values in column '{f.Name}'", fileBytes, g);
                    columns[f.Name] = await ReadColumnAsString(rg, f, n, ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ParquetException or Parquet.Meta.Proto.ThriftProtocolException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException)
            {
                groupError = e.Message;
            }
            if (groupError is not null)
            {
                yield return new RawRecord($"row group {g}", null, Problem: "corrupt-parquet", ProblemDetail: groupError);
                continue;
            }
            for (var i = 0; i < n; i++, row++)
            {
                var values = columns.ToDictionary(kv => kv.Key, kv => kv.Value[i], StringComparer.Ordinal);
                yield return map.ToRecord($"row {row}", values);
            }
        }
    }

    /// <summary>
    /// A count that a row group's metadata claims (rows, or values of a column), checked before it sizes any array:
    /// every row takes at least <see cref="MinRowBytes"/> of the file, so a count the file is too small to hold is a
    /// lie or damage.
    /// </summary>
    private static int CheckedCount(long claimed, string what, long fileBytes, int group)
    {
        if (claimed < 0 || claimed > fileBytes / MinRowBytes || claimed > Array.MaxLength)
            throw new InvalidDataException($"row group {group} claims {claimed:N0} {what}, more than a file of {fileBytes:N0} bytes can hold");
        return (int)claimed;
    }

    private static async Task<string?[]> ReadColumnAsString(ParquetRowGroupReader rg, Parquet.Schema.DataField f, int n, CancellationToken ct)
    {
        var t = f.ClrType;
        if (t == typeof(string))
        {
            var s = new string?[n];
            await rg.ReadAsync(f, s.AsMemory(), null, ct).ConfigureAwait(false);
            return s;
        }
        if (t == typeof(long))
            return (await ReadNumbers<long>(rg, f, n, ct).ConfigureAwait(false)).Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (t == typeof(int))
            return (await ReadNumbers<int>(rg, f, n, ct).ConfigureAwait(false)).Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        throw new InvalidDataException($"column '{f.Name}' has type {t.Name}; expected a string or integer");
    }

    private static async Task<T?[]> ReadNumbers<T>(ParquetRowGroupReader rg, Parquet.Schema.DataField f, int n, CancellationToken ct) where T : struct
    {
        if (f.IsNullable)
        {
            var a = new T?[n];
            await rg.ReadAsync<T>(f, a.AsMemory(), null, ct).ConfigureAwait(false);
            return a;
        }
        var b = new T[n];
        await rg.ReadAsync<T>(f, b.AsMemory(), null, ct).ConfigureAwait(false);
        return b.Select(v => (T?)v).ToArray();
    }
}
