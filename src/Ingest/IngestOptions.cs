using MusicPile.Core.Pipelines;

namespace MusicPile.Ingest;

/// <summary>Options of the <c>ingest</c> stage.</summary>
public sealed record IngestOptions : IStageOptions
{
    /// <summary>Records larger than this are rejected (<c>max_record_bytes</c>). Default 1 MiB.</summary>
    public long MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>Whole files read into memory (ABC, text) are limited to this (<c>max_file_bytes</c>). Default 256 MiB.</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    /// <summary>Read only files new or changed since the last run (<c>incremental</c>). Default true.</summary>
    public bool Incremental { get; init; } = true;

    public void Validate()
    {
        if (MaxRecordBytes < 1)
            throw new ArgumentException($"max_record_bytes must be at least 1, not {MaxRecordBytes}");
        if (MaxFileBytes < 1)
            throw new ArgumentException($"max_file_bytes must be at least 1, not {MaxFileBytes}");
    }
}
