namespace MusicPile.Core.Pipelines;

/// <summary>A verified file a task produced: its size, row count and checksum were read back from disk.</summary>
public sealed record TaskOutputFile(string Stage, int Rank, string Role, string Path, long SizeBytes, long Rows, string Sha256)
{
    public static class Roles
    {
        public const string Data = "data";
        public const string Rejects = "rejects";
        public const string Aux = "aux";
    }
}
