using System.IO.Compression;
using Parquet;

namespace MusicPile.Core.Parquet;

/// <summary>How Parquet shards are written.</summary>
public sealed record ShardOptions
{
    /// <summary>Rows per row group (default 8,192); a writer never holds more than one row group in memory.</summary>
    public int RowGroupRows { get; init; } = 8192;

    /// <summary>
    /// Approximate bytes of row data buffered before a row group is written, whatever the row count (default 64 MiB),
    /// so shards of long documents (books) keep memory bounded too.
    /// </summary>
    public long RowGroupBytes { get; init; } = 64L << 20;

    /// <summary>Compression codec (default Zstd).</summary>
    public CompressionMethod Compression { get; init; } = CompressionMethod.Zstd;

    /// <summary>Compression level (default Optimal; Parquet.Net's own default, SmallestSize, is about 25x slower with Zstd).</summary>
    public CompressionLevel Level { get; init; } = CompressionLevel.Optimal;

    public static ShardOptions Default { get; } = new();

    public void Validate()
    {
        if (RowGroupRows < 1)
            throw new ArgumentOutOfRangeException(nameof(RowGroupRows), RowGroupRows, "must be at least 1");
        if (RowGroupBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(RowGroupBytes), RowGroupBytes, "must be at least 1");
    }

    internal ParquetOptions ToParquetOptions() => new() { CompressionMethod = Compression, CompressionLevel = Level };
}
