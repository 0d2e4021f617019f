namespace MusicPile.Testing;

/// <summary>Where tests find the repository and the shared datasets (never copied into the repository).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared datasets: <c>$MUSICPILE_DATASETS</c>, else <c>../shared/datasets</c> beside the repository.</summary>
    public static string? Datasets
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("MUSICPILE_DATASETS");
            var dir = string.IsNullOrEmpty(fromEnv)
                ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"))
                : fromEnv;
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>The datasets folder, or the test is skipped (failed under CI, see <see cref="Prerequisite"/>) with the reason.</summary>
    public static string RequireDatasets()
    {
        var dir = Datasets;
        Prerequisite.Require(dir is not null, "shared datasets not found: set MUSICPILE_DATASETS or place them at ../shared/datasets");
        return dir!;
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewTempDir(string prefix = "musicpile-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MusicPile.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("MusicPile.sln not found above " + AppContext.BaseDirectory);
    }
}
