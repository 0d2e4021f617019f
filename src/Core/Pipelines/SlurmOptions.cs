namespace MusicPile.Core.Pipelines;

/// <summary>How a pipeline is submitted to Slurm.</summary>
public sealed record SlurmOptions
{
    /// <summary>Array elements of one stage that run at once (the <c>%N</c> array throttle; default 4).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>
    /// The command that starts <c>musicpile</c> on the compute nodes, as program and leading arguments (default: the
    /// program that submits, e.g. <c>dotnet /srv/musicpile/musicpile.dll</c>). The nodes must see the same path.
    /// </summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Partition to submit to (default: the cluster's default partition).</summary>
    public string? Partition { get; init; }

    /// <summary>Catalog connection string handed to the jobs in <c>$MUSICPILE_DB</c>; never on a command line.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// Array elements for a stage not planned yet when its task count is not fixed by the pipeline file (default 4,
    /// the same as <see cref="RunOptions.DefaultTasks"/>). An element takes ranks <c>r, r + n, r + 2n, ...</c>, so a
    /// stage that plans more tasks than this still runs them all.
    /// </summary>
    public int DefaultTasks { get; init; } = 4;

    /// <summary>
    /// Resubmit only the tasks of the unfinished run recorded as failed, leaving those pending or left running by a lost
    /// job alone (default false: every task not done, as any rerun).
    /// </summary>
    public bool OnlyFailed { get; init; }

    /// <summary>How often the catalog and the queue are polled while waiting (default 1 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (Workers < 1)
            throw MusicPileException.Usage($"--workers must be at least 1, not {Workers}");
        if (Command.Count == 0)
            throw MusicPileException.Usage("the Slurm executor needs the command that starts musicpile on the nodes");
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw MusicPileException.Usage("the Slurm executor needs a shared catalog database (--db or $MUSICPILE_DB)");
        if (DefaultTasks < 1)
            throw MusicPileException.Usage($"default task count must be at least 1, not {DefaultTasks}");
    }
}
