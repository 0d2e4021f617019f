using System.Globalization;
using MusicPile.Core;
using YamlDotNet.RepresentationModel;

namespace MusicPile.Train.Jobs;

/// <summary>
/// One mapping of a training config, read key by key into typed values. Every problem is a usage error naming the
/// file, the position and the key (<c>train-tiny.yaml:14:18: train.learning_rate: 'fast' is not a number</c>), and a
/// key nobody read is refused by <see cref="RejectUnknown"/>, so a misspelt setting never passes silently.
/// </summary>
internal sealed class RecipeSection(string file, string path, YamlMappingNode node)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public string? String(string key) => Scalar(key)?.Value;

    public int? Int(string key, int min)
    {
        var s = Scalar(key);
        if (s is null)
            return null;
        if (!int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw Error(s, key, $"'{s.Value}' is not a whole number");
        return v >= min ? v : throw Error(s, key, $"{v} is below the least allowed value, {min}");
    }

    /// <summary>A YAML boolean: true or false.</summary>
    public bool? Bool(string key)
    {
        var s = Scalar(key);
        if (s is null)
            return null;
        return s.Value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Error(s, key, $"'{s.Value}' is not true or false"),
        };
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], or above zero when <paramref name="positive"/>.</summary>
    public double? Double(string key, double min = 0, double max = double.PositiveInfinity, bool positive = false)
    {
        var s = Scalar(key);
        if (s is null)
            return null;
        if (!double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw Error(s, key, $"'{s.Value}' is not a number");
        if (positive && v <= 0)
            throw Error(s, key, $"{s.Value} must be above zero");
        if (v < min || v > max)
            throw Error(s, key, string.Create(CultureInfo.InvariantCulture, $"{s.Value} is outside [{min}, {max}]"));
        return v;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string? Choice(string key, IReadOnlyList<string> allowed)
    {
        var s = Scalar(key);
        if (s is null)
            return null;
        return allowed.Contains(s.Value, StringComparer.Ordinal) ? s.Value : throw Error(s, key, $"'{s.Value}' is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>A non-empty list of names, each one of <paramref name="allowed"/>.</summary>
    public IReadOnlyList<string>? Names(string key, IReadOnlyList<string> allowed)
    {
        var value = Value(key);
        if (value is null)
            return null;
        if (value is not YamlSequenceNode { Children.Count: > 0 } seq)
            throw Error(value, key, $"expected a non-empty list, e.g. [{string.Join(", ", allowed)}]");
        return seq.Children.Select(c => c is YamlScalarNode { Value: { } v } && allowed.Contains(v, StringComparer.Ordinal)
            ? v
            : throw Error(c, key, $"'{(c as YamlScalarNode)?.Value}' is not one of {string.Join(", ", allowed)}")).ToList();
    }

    /// <summary>A mapping from names (each one of <paramref name="allowed"/>) to numbers above zero.</summary>
    public IReadOnlyDictionary<string, double>? PositiveNumbers(string key, IReadOnlyList<string> allowed)
    {
        if (Section(key) is not { } section)
            return null;
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in allowed)
        {
            if (section.Double(name, positive: true) is { } v)
                numbers[name] = v;
        }
        section.RejectUnknown();
        return numbers;
    }

    public RecipeSection? Section(string key)
    {
        return Value(key) switch
        {
            null or YamlScalarNode { Value: null or "" } => null,
            YamlMappingNode m => new RecipeSection(file, Qualified(key), m),
            var other => throw Error(other, key, "expected a mapping of settings"),
        };
    }

    /// <summary>Throws a usage error for the first key that was never read, listing those that are known.</summary>
    public void RejectUnknown()
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_known.Contains(name))
                throw Error(key, name, $"unknown setting (known here: {string.Join(", ", _known.Order(StringComparer.Ordinal))})");
        }
    }

    private YamlScalarNode? Scalar(string key)
    {
        var value = Value(key);
        return value switch
        {
            null => null,
            YamlScalarNode s when string.IsNullOrEmpty(s.Value) => null,
            YamlScalarNode s => s,
            _ => throw Error(value, key, "expected a single value"),
        };
    }

    private YamlNode? Value(string key)
    {
        _known.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
    }

    private string Qualified(string key) => path.Length == 0 ? key : $"{path}.{key}";

    private MusicPileException Error(YamlNode at, string key, string message) =>
        MusicPileException.Usage($"{file}:{at.Start.Line}:{at.Start.Column}: {Qualified(key)}: {message}");
}
