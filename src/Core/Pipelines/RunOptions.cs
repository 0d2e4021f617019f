namespace MusicPile.Core.Pipelines;

/// <summary>How a pipeline runs on this machine.</summary>
public sealed record RunOptions
{
    /// <summary>Tasks run at once (default: the number of cores).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Recorded with the run: <c>local</c> or <c>slurm</c>.</summary>
    public string Executor { get; init; } = "local";

    /// <summary>
    /// Most tasks for a stage that names no task count (default 4). It does not follow the worker count, so the same
    /// pipeline splits its data the same way on every machine and gives the same outputs.
    /// </summary>
    public int DefaultTasks { get; init; } = 4;

    public void Validate()
    {
        if (Workers < 1)
            throw MusicPileException.Usage($"--workers must be at least 1, not {Workers}");
    }
}
