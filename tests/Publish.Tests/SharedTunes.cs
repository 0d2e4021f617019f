namespace MusicPile.Publish.Tests;

/// <summary>Real tunes and captions from the shared datasets (read from there, never copied into the repository).</summary>
internal static class SharedTunes
{
    /// <summary>Up to <paramref name="count"/> tunes of the Nottingham reels and hornpipes, each as its own ABC text.</summary>
    public static IReadOnlyList<string> Load(int count)
    {
        var dir = Path.Combine(TestPaths.RequireDatasets(), "abc", "nottingham", "ABC_cleaned");
        var tunes = new List<string>();
        foreach (var name in new[] { "reelsa-c.abc", "reelsd-g.abc", "reelsh-l.abc", "reelsm-q.abc", "hpps.abc", "reelsr-t.abc" })
        {
            var text = File.ReadAllText(Path.Combine(dir, name)).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var tune = block.Trim('\n');
                if (tune.StartsWith("X:", StringComparison.Ordinal) && tune.Contains("\nK:", StringComparison.Ordinal))
                    tunes.Add(tune + "\n");
                if (tunes.Count == count)
                    return tunes;
            }
        }
        return tunes;
    }

    /// <summary>Up to <paramref name="count"/> lines of the MusicCaps captions (JSONL).</summary>
    public static IReadOnlyList<string> Captions(int count) =>
        File.ReadLines(Path.Combine(TestPaths.RequireDatasets(), "text", "musiccaps-captions", "musiccaps-captions.jsonl")).Take(count).ToList();
}
