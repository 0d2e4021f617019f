using System.Text.Json.Serialization;

namespace MusicPile.Core.Pipelines;

/// <summary>Where one task of a stage stands. Stored in <c>tasks.status</c> and written in JSON as the lower-case name (<see cref="StatusCodes"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageTaskStatus>))]
public enum StageTaskStatus
{
    /// <summary>Planned, not started.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Claimed by a worker (or left so by a worker that died: a rerun redoes it).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Its outputs are verified and recorded, in the same transaction that set this status.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>It stopped on an error, recorded with the task.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
