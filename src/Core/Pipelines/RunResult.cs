namespace MusicPile.Core.Pipelines;

/// <summary>What a run did, per stage.</summary>
public sealed record RunResult(long RunId, bool Resumed, IReadOnlyList<StageResult> Stages)
{
    public StageResult? Stage(string name) => Stages.FirstOrDefault(s => s.Name == name);
}

public sealed record StageResult(string Name, string Type, int Tasks, int TasksSkipped, TaskCounters Counters, IReadOnlyList<TaskOutputFile> Outputs);
