namespace MusicPile.Core;

/// <summary>
/// The MusicPile home folder: the embedded database under <c>pg/</c> and all data under <c>data/</c>.
/// Resolved from <c>--home</c>, else <c>$MUSICPILE_HOME</c>, else <c>./.musicpile</c>.
/// </summary>
public sealed record MusicPileHome(string Root)
{
    public static MusicPileHome Resolve(string? explicitHome)
    {
        var root = explicitHome;
        if (string.IsNullOrWhiteSpace(root))
            root = Environment.GetEnvironmentVariable("MUSICPILE_HOME");
        if (string.IsNullOrWhiteSpace(root))
            root = Path.Combine(Environment.CurrentDirectory, ".musicpile");
        return new MusicPileHome(Path.GetFullPath(root));
    }

    public string PgDir => Path.Combine(Root, "pg");
    public string DataDir => Path.Combine(Root, "data");
    public string RunsDir => Path.Combine(DataDir, "runs");
    public string SnapshotsDir => Path.Combine(DataDir, "snapshots");
    public string ExportsDir => Path.Combine(DataDir, "exports");
    public string CheckpointsDir => Path.Combine(DataDir, "checkpoints");
    public string WorkDir => Path.Combine(Root, "work");

    public string RunDir(long runId) => Path.Combine(RunsDir, runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(DataDir);
    }
}
