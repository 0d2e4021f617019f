using MusicPile.Core;
using MusicPile.Core.Pipelines;

namespace MusicPile.Instruct;

/// <summary>Options of the <c>instructions</c> stage; unknown task names are a usage error.</summary>
public sealed record InstructionOptions : IStageOptions
{
    /// <summary>Tasks to generate (<c>tasks</c>), names from <see cref="InstructionTasks"/>. Default all eight.</summary>
    public IReadOnlyList<string> Tasks { get; init; } = InstructionTasks.All;

    /// <summary>Most instructions written per tune (<c>per_tune</c>), 1..8. Default 2.</summary>
    public int PerTune { get; init; } = 2;

    /// <summary>Seed for task and paraphrase choice (<c>seed</c>). Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Record <c>src</c> values whose tunes count as Bach (<c>bach_sources</c>). Default none.</summary>
    public IReadOnlyList<string> BachSources { get; init; } = [];

    /// <summary>Appended to the input's <c>src</c> for generated records (<c>src_suffix</c>). Default <c>-sft</c>.</summary>
    public string SrcSuffix { get; init; } = "-sft";

    /// <summary>Also write the ABC record itself (<c>keep_source</c>). Default true.</summary>
    public bool KeepSource { get; init; } = true;

    /// <summary>Pass records that are not ABC through unchanged (<c>keep_other</c>). Default true.</summary>
    public bool KeepOther { get; init; } = true;

    /// <summary>Tunes longer than this in corpus form give no instructions (<c>max_abc_chars</c>). Default 4000.</summary>
    public int MaxAbcChars { get; init; } = 4000;

    /// <summary>Throws a usage error for values outside their ranges.</summary>
    public InstructionOptions Validate()
    {
        var unknown = Tasks.FirstOrDefault(t => !InstructionTasks.All.Contains(t, StringComparer.Ordinal));
        if (unknown is not null)
            throw MusicPileException.Usage($"tasks: unknown task '{unknown}' (known: {string.Join(", ", InstructionTasks.All)})");
        if (Tasks.Count == 0)
            throw MusicPileException.Usage("tasks: at least one task is needed");
        if (PerTune is < 1 or > 8)
            throw MusicPileException.Usage($"per_tune must be 1..8, not {PerTune}");
        if (MaxAbcChars < 100)
            throw MusicPileException.Usage($"max_abc_chars must be at least 100, not {MaxAbcChars}");
        return this;
    }

    void IStageOptions.Validate() => Validate();
}
