using System.Reflection;
using System.Text.Json;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// Binds the options a pipeline file gives a stage or a source to the stage's options record
/// (<see cref="IStageOptions"/>): each key to the property of that name in snake_case, defaults for the keys not
/// given, then the record's own checks. An unknown key or a value of the wrong kind is a usage error naming where it
/// was written and the key, e.g. <c>pipelines/nightly.yaml: stage 'dedup': option 'bands': 'abc' is not a whole number</c>.
/// </summary>
public static class StageOptionsBinder
{
    /// <param name="values">The options as written.</param>
    /// <param name="where">Where they were written, for messages: <c>FILE: stage 'NAME'</c>.</param>
    public static T Bind<T>(StageOptions values, string where) where T : class, new() => (T)Bind(typeof(T), values, where);

    public static object Bind(Type type, StageOptions values, string where)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        var known = Keys(type).ToList();
        var unknown = values.Values.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            var list = known.Count == 0 ? "this stage takes no options" : "known: " + string.Join(", ", known.Order(StringComparer.Ordinal));
            throw MusicPileException.Usage($"{where}: unknown option {Text.Printable.Quote(unknown)} ({list})");
        }
        return BindRecord(type, values.Values, where);
    }

    /// <summary>The option keys an options record takes, its groups' keys included.</summary>
    public static IEnumerable<string> Keys(Type type) =>
        Settable(type).SelectMany(p => IsGroup(p) ? Keys(p.PropertyType) : [KeyOf(p)]);

    private static object BindRecord(Type type, IReadOnlyDictionary<string, object> values, string where)
    {
        var target = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor to hold options");
        foreach (var p in Settable(type))
        {
            if (IsGroup(p))
                p.SetValue(target, BindRecord(p.PropertyType, values, where));
            else if (values.TryGetValue(KeyOf(p), out var value))
                p.SetValue(target, OptionValue.Convert(p.PropertyType, value, $"{where}: option '{KeyOf(p)}'"));
        }
        Check(target, where);
        return target;
    }

    private static void Check(object options, string where)
    {
        if (options is not IStageOptions checkable)
            return;
        try
        {
            checkable.Validate();
        }
        catch (ArgumentException e)
        {
            throw MusicPileException.Usage($"{where}: {PlainMessage(e)}");
        }
        catch (MusicPileException e) when (e.IsUsage)
        {
            throw MusicPileException.Usage($"{where}: {e.Message}");
        }
    }

    /// <summary>The message without the parameter name and actual value .NET appends on lines of their own or in brackets.</summary>
    private static string PlainMessage(ArgumentException e)
    {
        var first = e.Message.Split('\n')[0].Trim();
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && first.EndsWith(suffix, StringComparison.Ordinal) ? first[..^suffix.Length] : first;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken);

    private static bool IsGroup(PropertyInfo p) => typeof(IStageOptions).IsAssignableFrom(p.PropertyType);

    private static string KeyOf(PropertyInfo p) => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name);
}
