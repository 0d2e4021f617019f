using System.Text;
using System.Text.RegularExpressions;
using MusicPile.Core.IO;

namespace MusicPile.Ingest;

/// <summary>
/// Expands a source's paths, which may hold <c>*</c>, <c>?</c> and <c>**</c>, into existing files in ordinal order,
/// walking folders with <see cref="FolderWalk"/> so that links cannot loop or lead out of the source.
/// </summary>
internal static class PathGlob
{
    /// <summary>The files found, and the paths met but not read with the reason.</summary>
    public sealed record Result(IReadOnlyList<string> Files, IReadOnlyList<SkippedPath> Skipped);

    public static Result Expand(IEnumerable<string> patterns, string baseDir, bool followLinks = false)
    {
        var full = patterns.Select(p => Path.GetFullPath(p, baseDir)).Distinct(StringComparer.Ordinal).ToList();
        var roots = full.Select(p => RealPath.TryGet(RootOf(p), out _)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var walk = new FolderWalk(roots, followLinks);
        foreach (var path in full)
        {
            var parts = path.Split('/');
            var firstWild = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?']) >= 0);
            if (firstWild < 0)
            {
                walk.AddNamed(path);
                continue;
            }
            var regex = new Regex("^" + ToRegex(path) + "$", RegexOptions.CultureInvariant);
            var recursive = parts[firstWild..].Length > 1 || path.Contains("**", StringComparison.Ordinal);
            walk.AddFolder(RootOf(path), recursive, regex.IsMatch);
        }
        return new Result(walk.Files.Order(StringComparer.Ordinal).ToList(), walk.Skipped.DistinctBy(s => s.Path).ToList());
    }

    /// <summary>The part of a path before its first wildcard: the folder a glob walks (the path itself when it has none).</summary>
    private static string RootOf(string path)
    {
        var parts = path.Split('/');
        var firstWild = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?']) >= 0);
        if (firstWild < 0)
            return path;
        var root = string.Join('/', parts[..firstWild]);
        return root.Length == 0 ? "/" : root;
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
