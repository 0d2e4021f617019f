namespace MusicPile.Train;

/// <summary>
/// A read-only sequence of token ids addressed by position: a whole <see cref="TokenFile"/>, or spans of several read
/// as one stream. Training and validation windows are drawn from these.
/// </summary>
public interface ITokenSource
{
    /// <summary>Number of tokens.</summary>
    long Length { get; }

    /// <summary>Copies tokens [start, start + destination.Length) into destination.</summary>
    void Read(long start, Span<long> destination);
}
