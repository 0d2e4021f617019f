using System.Globalization;
using System.Text.Json;
using MusicPile.Core.Text;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// One option value from the pipeline file converted to the type of its property: whole numbers (with <c>_</c>
/// between digits allowed), numbers, true/false (also yes/no, on/off, 1/0), enum names in snake_case, strings, and
/// lists of strings (a single value is a list of one). A nullable option takes <c>none</c> for no value.
/// </summary>
internal static class OptionValue
{
    public static object? Convert(Type type, object value, string what)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return value is "none" ? null : Convert(inner, value, what);
        if (type == typeof(IReadOnlyList<string>))
        {
            return value switch
            {
                IReadOnlyList<string> list => list.ToList(),
                string s => new List<string> { s },
                _ => throw Bad(what, "must be a list of values, not a mapping"),
            };
        }
        var text = value switch
        {
            string s => s,
            IReadOnlyList<string> => throw Bad(what, "must be a single value, not a list"),
            _ => throw Bad(what, "must be a single value, not a mapping"),
        };
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
            return Boolean(text, what);
        if (type == typeof(int))
            return Whole(text, what) is var n && n is >= int.MinValue and <= int.MaxValue ? (int)n : throw Bad(what, $"{Printable.Quote(text)} is out of range");
        if (type == typeof(long))
            return Whole(text, what);
        if (type == typeof(ulong))
        {
            // The full unsigned range, or a negative number taken as its two's complement (as seeds always were).
            return ulong.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var u)
                ? u
                : unchecked((ulong)Whole(text, what));
        }
        if (type == typeof(double))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? d
                : throw Bad(what, $"{Printable.Quote(text)} is not a number");
        }
        if (type.IsEnum)
            return Enum(type, text, what);
        throw new InvalidOperationException($"options of type {type.Name} are not supported ({what})");
    }

    private static long Whole(string text, string what) =>
        long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Bad(what, $"{Printable.Quote(text)} is not a whole number");

    private static bool Boolean(string text, string what) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw Bad(what, $"{Printable.Quote(text)} is not true or false"),
    };

    private static object Enum(Type type, string text, string what)
    {
        var key = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var name = System.Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));
        if (name is not null)
            return System.Enum.Parse(type, name);
        var names = System.Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName);
        throw Bad(what, $"{Printable.Quote(text)} is not one of {string.Join(", ", names)}");
    }

    private static MusicPileException Bad(string what, string why) => MusicPileException.Usage($"{what}: {why}");
}
