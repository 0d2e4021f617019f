namespace MusicPile.Core.Pipelines;

/// <summary>
/// Progress of a run, for progress bars or log lines. <see cref="TasksDone"/> counts tasks already done when a stage
/// starts (a resumed run skips them); a failed task's event carries the error in <see cref="Message"/>.
/// </summary>
public sealed record RunEvent(RunEventKind Kind, long RunId, string Stage, int TasksTotal, int TasksDone, string? Message = null);

public enum RunEventKind
{
    RunStarted,
    StageStarted,
    TaskDone,
    TaskFailed,
    StageDone,
    RunDone,
}
