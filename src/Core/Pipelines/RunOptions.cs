namespace MusicPile.Core.Pipelines;

/// <summary>How a pipeline runs on this machine.</summary>
public sealed record RunOptions
{
    /// <summary>Tasks run at once (default: the number of cores).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Recorded with the run: <c>local</c> or <c>slurm</c>.</summary>
    public string Executor { get; init; } = "local";

    /// <summary>Default task count for a stage that names none (default: the number of workers).</summary>
    public int? DefaultTasks { get; init; }

    public void Validate()
    {
        if (Workers < 1)
            throw MusicPileException.Usage($"--workers must be at least 1, not {Workers}");
    }
}
