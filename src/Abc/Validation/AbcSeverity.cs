using System.Text.Json.Serialization;

namespace MusicPile.Abc;

/// <summary>How bad a diagnostic is; serialises as lowercase <c>"fatal"</c> / <c>"warning"</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AbcSeverity>))]
public enum AbcSeverity
{
    /// <summary>Something questionable; the tune is still usable.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>The tune is unusable (no key, no music).</summary>
    [JsonStringEnumMemberName("fatal")]
    Fatal,
}
