using System.Globalization;

namespace MusicPile.Core.Pipelines;

/// <summary>A stage's or source's options from the pipeline file: string keys, scalar or list values.</summary>
public sealed class StageOptions
{
    public static readonly StageOptions Empty = new(new Dictionary<string, object>());

    public StageOptions(IReadOnlyDictionary<string, object> values) => Values = new SortedDictionary<string, object>(values.ToDictionary(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object> Values { get; }

    public string? GetString(string key) => Values.TryGetValue(key, out var v) ? v as string : null;

    public string GetString(string key, string fallback) => GetString(key) ?? fallback;

    public int GetInt(string key, int fallback) => GetLong(key, fallback) is var v && v is >= int.MinValue and <= int.MaxValue
        ? (int)v
        : throw MusicPileException.Usage($"option '{key}': {v} is out of range");

    public long GetLong(string key, long fallback)
    {
        var s = GetString(key);
        if (s is null)
            return fallback;
        return long.TryParse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw MusicPileException.Usage($"option '{key}': '{s}' is not a whole number");
    }

    public double GetDouble(string key, double fallback)
    {
        var s = GetString(key);
        if (s is null)
            return fallback;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw MusicPileException.Usage($"option '{key}': '{s}' is not a number");
    }

    public bool GetBool(string key, bool fallback)
    {
        var s = GetString(key);
        return s is null ? fallback : s.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw MusicPileException.Usage($"option '{key}': '{s}' is not true or false"),
        };
    }

    public IReadOnlyList<string> GetList(string key) => Values.TryGetValue(key, out var v)
        ? v switch
        {
            IReadOnlyList<string> list => list,
            string s => [s],
            _ => [],
        }
        : [];

    public IReadOnlyDictionary<string, object> GetMap(string key) =>
        Values.TryGetValue(key, out var v) && v is IReadOnlyDictionary<string, object> m ? m : new Dictionary<string, object>();

    public StageOptions With(string key, object value)
    {
        var d = Values.ToDictionary();
        d[key] = value;
        return new StageOptions(d);
    }
}
