using System.Reflection;
using System.Text.Json.Serialization;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// The words run and task statuses are stored as in the catalog (the migrations' column defaults use them too) and
/// written as in JSON: each enum member's <see cref="JsonStringEnumMemberNameAttribute"/>, its one spelling. The
/// catalog reads the words back into the enums by member name (ignoring case), so a member is named as its word.
/// </summary>
public static class StatusCodes
{
    public static string Code(this RunStatus s) => Words<RunStatus>.Of[s];

    public static string Code(this StageTaskStatus s) => Words<StageTaskStatus>.Of[s];

    private static class Words<T> where T : struct, Enum
    {
        public static readonly IReadOnlyDictionary<T, string> Of = Enum.GetValues<T>().ToDictionary(v => v,
            v => typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{v} has no stored word"));
    }
}
