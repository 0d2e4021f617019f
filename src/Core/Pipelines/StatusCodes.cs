namespace MusicPile.Core.Pipelines;

/// <summary>
/// The words run and task statuses are stored as in the catalog (the migrations' column defaults use them too), so
/// existing catalogs read the same. The catalog reads them back into the enums; nothing else spells them.
/// </summary>
public static class StatusCodes
{
    public static string Code(this RunStatus s) => s switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    public static string Code(this StageTaskStatus s) => s switch
    {
        StageTaskStatus.Pending => "pending",
        StageTaskStatus.Running => "running",
        StageTaskStatus.Done => "done",
        StageTaskStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };
}
