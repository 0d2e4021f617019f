using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace MusicPile.Tokenize;

/// <summary>Reads token Parquet files written by <see cref="ParquetTokenWriter"/>, one row group at a time.</summary>
public static class ParquetTokenReader
{
    /// <summary>The rows of <paramref name="path"/> in order.</summary>
    public static async IAsyncEnumerable<TokenRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, null, false, cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.DataFields;
        var idField = Find(fields, "id");
        var srcField = Find(fields, "src");
        var idsField = Find(fields, "input_ids");
        var maskField = fields.FirstOrDefault(f => f.Path.ToList()[0] == "loss_mask");
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var ids = new long[rows];
            await group.ReadAsync<long>(idField, ids, null, cancellationToken).ConfigureAwait(false);
            var sources = new string[rows];
            await group.ReadAsync(srcField, sources, null, cancellationToken).ConfigureAwait(false);
            var (tokens, tokenLevels) = await ReadListAsync<int>(group, idsField, cancellationToken).ConfigureAwait(false);
            var mask = maskField is null ? default : await ReadListAsync<sbyte>(group, maskField, cancellationToken).ConfigureAwait(false);
            var start = 0;
            for (var row = 0; row < rows; row++)
            {
                var end = start + 1;
                while (end < tokens.Length && tokenLevels[end] != 0)
                    end++;
                var rowMask = mask.Values is null ? null : Array.ConvertAll(mask.Values[start..end], v => unchecked((byte)v));
                yield return new TokenRow(ids[row], sources[row], tokens[start..end], rowMask);
                start = end;
            }
        }
    }

    private static async Task<(T[] Values, int[] Levels)> ReadListAsync<T>(ParquetRowGroupReader group, DataField field, CancellationToken cancellationToken)
        where T : struct
    {
        var count = checked((int)group.GetMetadata(field)!.MetaData!.NumValues);
        var values = new T[count];
        var levels = new int[count];
        var definitions = new int[count];
        await group.ReadRawAsync<T>(field, values, definitions, levels, cancellationToken).ConfigureAwait(false);
        if (Array.Exists(definitions, d => d != field.MaxDefinitionLevel))
            throw new InvalidDataException($"column {field.Path} holds null or empty lists, which token files never have");
        return (values, levels);
    }

    private static DataField Find(IEnumerable<DataField> fields, string name) =>
        fields.FirstOrDefault(f => f.Path.ToList()[0] == name) ?? throw new InvalidDataException($"column {name} missing");
}
