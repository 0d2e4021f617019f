using MusicPile.Core;

namespace MusicPile.Samples;

/// <summary>Options of <see cref="CorpusGenerator"/>.</summary>
public sealed record CorpusGeneratorOptions
{
    /// <summary>The shared datasets folder with <c>abc/</c> and <c>text/</c> (required): tunes and sentences are drawn from it.</summary>
    public string DatasetsDir { get; init; } = "";

    /// <summary>Size as a factor of the shared data (default 1).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Seed of every random choice (default 7): equal options give byte-equal files.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Tunes per ABC file and documents per JSONL.gz file (default 20,000).</summary>
    public int DocumentsPerFile { get; init; } = 20_000;

    /// <summary>Files written at once (default: the number of cores).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public void Validate()
    {
        if (!Directory.Exists(Path.Combine(DatasetsDir, "abc")) || !Directory.Exists(Path.Combine(DatasetsDir, "text")))
            throw MusicPileException.Usage($"{DatasetsDir}: not a datasets folder (abc/ and text/ expected); set MUSICPILE_DATASETS");
        if (Scale <= 0)
            throw MusicPileException.Usage($"scale must be positive, not {Scale}");
        if (DocumentsPerFile < 1 || Parallelism < 1)
            throw MusicPileException.Usage("documents per file and parallelism must be at least 1");
    }
}
