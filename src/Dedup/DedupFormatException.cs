namespace MusicPile.Dedup;

/// <summary>A dedup file or index folder that is missing, truncated, of another version or built with other settings.</summary>
public sealed class DedupFormatException : Exception
{
    public DedupFormatException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
