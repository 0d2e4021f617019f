namespace MusicPile.Tokenize;

/// <summary>
/// Streams documents into one shard file (or file pair). Files are written under temporary names and only get their
/// final names in <see cref="CompleteAsync"/>; disposing an incomplete writer deletes them, so a crash never leaves a
/// truncated shard that looks finished.
/// </summary>
public interface ITokenShardWriter : IAsyncDisposable
{
    /// <summary>The final paths of the files this writer produces.</summary>
    IReadOnlyList<string> Paths { get; }

    /// <summary>Tokens written so far, separators included.</summary>
    long TokenCount { get; }

    /// <summary>Documents written so far.</summary>
    long DocumentCount { get; }

    /// <summary>Appends one document.</summary>
    ValueTask WriteAsync(ShardDocument document, CancellationToken cancellationToken = default);

    /// <summary>Writes headers and indexes, flushes and moves the files to their final names.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
