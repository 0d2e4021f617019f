using System.Text.Json.Serialization;

namespace MusicPile.Core.Pipelines;

/// <summary>Where a run stands. Stored in <c>runs.status</c> and written in JSON as the lower-case name (<see cref="StatusCodes"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Started and not finished (or stopped without a word: a rerun resumes it).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Every task of every stage is done.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>Stopped on an error; a rerun of the same pipeline resumes it.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
