using System.Globalization;
using System.Text;
using YamlDotNet.Serialization;

namespace MusicPile.Publish;

/// <summary>
/// The <c>README.md</c> of a snapshot folder: YAML front matter the Hugging Face hub reads (licence, data files per
/// source, size category, task, tags, language) and a body with the counts per source and kind, duplicates removed,
/// rejects, provenance and how to load the files. Pure: the same facts give the same text.
/// </summary>
public static class DatasetCard
{
    /// <summary>The name of the card in a snapshot folder.</summary>
    public const string FileName = "README.md";

    /// <summary>The licence of a source whose documents name none.</summary>
    public const string UnknownLicence = "unknown";

    private static readonly (long Below, string Label)[] SizeBuckets =
    [
        (1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"),
        (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"), (10_000_000_000, "1B<n<10B"), (100_000_000_000, "10B<n<100B"),
        (1_000_000_000_000, "100B<n<1T"),
    ];

    /// <summary>The hub's size bucket for <paramref name="documents"/> rows.</summary>
    public static string SizeCategory(long documents) =>
        SizeBuckets.FirstOrDefault(b => documents < b.Below).Label ?? "n>1T";

    /// <summary>The hub licence: the one licence every source shares when it is an identifier, else <c>other</c>.</summary>
    public static string Licence(IReadOnlyList<DatasetCardSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var all = sources.SelectMany(LicencesOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return all.Count == 1 && IsIdentifier(all[0]) ? all[0].ToLowerInvariant() : "other";
    }

    /// <summary>The card's text.</summary>
    public static string Build(DatasetCardFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sources = facts.Sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("---\n").Append(FrontMatter(facts, sources)).Append("---\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"# MusicPile snapshot {facts.SnapshotId}\n\n");
        sb.Append("Symbolic music in ABC notation and text about music, cleaned, normalised and deduplicated by MusicPile. ")
            .Append("The folder is immutable: each source's documents are the Parquet files under its folder ")
            .Append("(columns `id`, `text`, `src`, `kind`, `sha256`, `source_uri`, `meta`), listed with checksums in `manifest.json`.\n\n");
        sb.Append("| | |\n|---|---|\n");
        Row(sb, "snapshot", $"`{facts.SnapshotId}`");
        Row(sb, "parent", facts.Parent is null ? "none" : $"`{facts.Parent}`");
        Row(sb, "pipeline", facts.Pipeline);
        Row(sb, "code version", facts.CodeVersion);
        Row(sb, "created", facts.CreatedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Row(sb, "documents", Number(facts.Documents));

        sb.Append("\n## Documents per source\n\n| source | folder | licence | documents |\n|---|---|---|---:|\n");
        foreach (var s in sources)
            Row(sb, s.Name, $"`{s.Folder}/`", string.Join(", ", LicencesOf(s)), Number(s.Documents));

        sb.Append("\n## Documents per source and kind\n\n| source | kind | documents |\n|---|---|---:|\n");
        foreach (var s in sources)
        {
            foreach (var (kind, n) in s.DocumentsByKind.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                Row(sb, s.Name, kind, Number(n));
        }

        sb.Append("\n## Duplicates removed\n\n| method | documents |\n|---|---:|\n");
        foreach (var (method, n) in facts.DuplicatesRemoved.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Row(sb, method, Number(n));

        sb.Append("\n## Rejected by the run\n\n");
        if (facts.RejectsByReason.Count == 0)
            sb.Append("No record was rejected.\n");
        else
        {
            sb.Append("| reason | records |\n|---|---:|\n");
            foreach (var (reason, n) in facts.RejectsByReason.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
                Row(sb, reason, Number(n));
        }

        var globs = sources.Select(s => $"{s.Folder}/*.parquet").ToList();
        sb.Append("\n## Loading\n\nPaths are relative to this folder.\n\nDuckDB:\n\n```sql\n");
        foreach (var g in globs)
            sb.Append(CultureInfo.InvariantCulture, $"SELECT * FROM read_parquet('{g}');\n");
        sb.Append("```\n\nPython (`datasets`):\n\n```python\nfrom datasets import load_dataset\n\n");
        sb.Append("ds = load_dataset(\"parquet\", data_files={\"train\": [")
            .Append(string.Join(", ", globs.Select(g => $"\"{g}\"")))
            .Append("]}, split=\"train\")\n```\n");
        return sb.ToString();
    }

    private static string FrontMatter(DatasetCardFacts facts, List<DatasetCardSource> sources)
    {
        var licence = Licence(sources);
        var yaml = new Dictionary<string, object> { ["license"] = licence };
        if (licence == "other")
        {
            yaml["license_name"] = "mixed";
            yaml["license_details"] = string.Join("; ", sources.Select(s => $"{s.Name}: {string.Join(", ", LicencesOf(s))}"));
        }
        yaml["language"] = new[] { "en" };
        yaml["task_categories"] = new[] { "text-generation" };
        yaml["tags"] = new[] { "music", "abc-notation", "symbolic-music" };
        yaml["size_categories"] = new[] { SizeCategory(facts.Documents) };
        yaml["pretty_name"] = $"MusicPile {facts.SnapshotId}";
        // One train split over every source's folder (the hub keeps one path list per split).
        yaml["configs"] = new[]
        {
            new Dictionary<string, object>
            {
                ["config_name"] = "default",
                ["data_files"] = new[]
                {
                    new Dictionary<string, object> { ["split"] = "train", ["path"] = sources.Select(s => $"{s.Folder}/*.parquet").ToList() },
                },
            },
        };
        return new SerializerBuilder().Build().Serialize(yaml);
    }

    private static IEnumerable<string> LicencesOf(DatasetCardSource s) =>
        s.Licences.Count == 0 ? [UnknownLicence] : s.Licences;

    private static bool IsIdentifier(string licence) =>
        licence.Length > 0 && licence != UnknownLicence && licence.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+');

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Row(StringBuilder sb, params string[] cells) =>
        sb.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
}
