using System.Text;
using System.Text.RegularExpressions;

namespace MusicPile.Ingest;

/// <summary>Expands a path that may hold <c>*</c>, <c>?</c> and <c>**</c> into existing files, in ordinal order.</summary>
internal static class PathGlob
{
    public static IReadOnlyList<string> Expand(string pattern, string baseDir)
    {
        var full = Path.GetFullPath(pattern, baseDir);
        if (File.Exists(full))
            return [full];
        if (Directory.Exists(full))
            return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var parts = full.Split('/');
        var firstWild = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?']) >= 0);
        if (firstWild < 0)
            return [];
        var root = string.Join('/', parts[..firstWild]);
        if (root.Length == 0)
            root = "/";
        if (!Directory.Exists(root))
            return [];
        var regex = new Regex("^" + ToRegex(full) + "$", RegexOptions.CultureInvariant);
        var recursive = parts[firstWild..].Length > 1 || full.Contains("**", StringComparison.Ordinal);
        return Directory.EnumerateFiles(root, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => regex.IsMatch(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string ToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                sb.Append(".*");
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                    i++;
            }
            else if (c == '*')
                sb.Append("[^/]*");
            else if (c == '?')
                sb.Append("[^/]");
            else
                sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
