using MusicPile.Core.Pipelines;

namespace MusicPile.Publish;

/// <summary>Options of the <c>publish</c> stage.</summary>
public sealed record PublishOptions : IStageOptions
{
    /// <summary>Rows per snapshot file before a new one is started (<c>rows_per_file</c>). Default 500,000.</summary>
    public int RowsPerFile { get; init; } = 500_000;

    /// <summary>Build on the latest snapshot, keeping its files (<c>incremental</c>). Default true.</summary>
    public bool Incremental { get; init; } = true;

    public void Validate()
    {
        if (RowsPerFile < 1)
            throw new ArgumentException($"rows_per_file must be at least 1, not {RowsPerFile}");
    }
}
