namespace MusicPile.Core.Pipelines;

/// <summary>Progress of a run, for progress bars or log lines.</summary>
public sealed record RunEvent(RunEventKind Kind, long RunId, string Stage, int TasksTotal, int TasksDone, string? Message = null);

public enum RunEventKind
{
    RunStarted,
    StageStarted,
    TaskSkipped,
    TaskDone,
    TaskFailed,
    StageDone,
    RunDone,
}
