namespace MusicPile.Core;

/// <summary>
/// A failure the user can act on. <see cref="IsUsage"/> errors (bad usage, bad input that stopped the job)
/// exit with code 2; other failures of a job exit with code 1.
/// </summary>
public class MusicPileException : Exception
{
    public MusicPileException(string message, bool isUsage = false, Exception? inner = null)
        : base(message, inner)
    {
        IsUsage = isUsage;
    }

    public bool IsUsage { get; }

    public static MusicPileException Usage(string message) => new(message, isUsage: true);
}
