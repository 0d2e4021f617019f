using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MusicPile.Core.Pipelines;

/// <summary>
/// The batch scripts the Slurm executor submits: one <c>exec</c> line whose every word is single-quoted (only the
/// array index is left to the shell), written to a file named from a checked stage name inside the run's folder.
/// </summary>
internal static partial class SlurmBatchScript
{
    /// <summary>Stands for the array element's index in a command; the only word the shell expands.</summary>
    public const string ArrayIndex = "$SLURM_ARRAY_TASK_ID";

    /// <summary>Writes <c>{dir}/{name}.sh</c> running <paramref name="command"/> and returns its path.</summary>
    public static string Write(string dir, string name, long runId, IReadOnlyList<string> command)
    {
        var path = FileInside(dir, name, ".sh");
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n");
        sb.Append(CultureInfo.InvariantCulture, $"# musicpile run {runId}, {name}\n");
        sb.Append("exec");
        foreach (var word in command)
            sb.Append(' ').Append(word == ArrayIndex ? "\"" + ArrayIndex + "\"" : Quote(word));
        sb.Append('\n');
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>
    /// A path in <paramref name="dir"/> for a file named after <paramref name="name"/>: the name must be one plain
    /// word (letters, digits, <c>_ . -</c>, not starting with a dot or dash) and the path must stay in the folder.
    /// </summary>
    public static string FileInside(string dir, string name, string suffix)
    {
        if (!SafeName().IsMatch(name))
            throw MusicPileException.Usage($"stage name '{name.ReplaceLineEndings("\\n")}' cannot name a file: use letters, digits, '_', '.' and '-', starting with a letter or digit");
        var root = Path.GetFullPath(dir);
        var path = Path.GetFullPath(Path.Combine(root, name + suffix));
        if (!path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal) || path.IndexOf('/', root.TrimEnd('/').Length + 1) >= 0)
            throw MusicPileException.Usage($"stage name '{name}' would put a file outside {root}");
        return path;
    }

    /// <summary>A word for a POSIX shell: single-quoted, each single quote written as <c>'\''</c>.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
