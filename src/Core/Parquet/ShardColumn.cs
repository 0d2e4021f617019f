using Parquet;
using Parquet.Schema;

namespace MusicPile.Core.Parquet;

/// <summary>One column of a shard: its Parquet field and how to take its value from a row.</summary>
internal abstract class ShardColumn<TRow>
{
    public abstract DataField Field { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter rg, IReadOnlyList<TRow> rows, CancellationToken ct);

    public static ShardColumn<TRow> Text(string name, Func<TRow, string> get) => new StringColumn(name, get);

    public static ShardColumn<TRow> Int64(string name, Func<TRow, long> get) => new Int64Column(name, get);

    private sealed class StringColumn(string name, Func<TRow, string> get) : ShardColumn<TRow>
    {
        public override DataField Field { get; } = new DataField<string>(name, nullable: false);

        public override Task WriteAsync(ParquetRowGroupWriter rg, IReadOnlyList<TRow> rows, CancellationToken ct)
        {
            var values = new string[rows.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = get(rows[i]);
            return rg.WriteAsync(Field, values);
        }
    }

    private sealed class Int64Column(string name, Func<TRow, long> get) : ShardColumn<TRow>
    {
        public override DataField Field { get; } = new DataField<long>(name, nullable: false);

        public override Task WriteAsync(ParquetRowGroupWriter rg, IReadOnlyList<TRow> rows, CancellationToken ct)
        {
            var values = new long[rows.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = get(rows[i]);
            return rg.WriteAsync<long>(Field, values, null, null, ct);
        }
    }
}
