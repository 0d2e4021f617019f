using MusicPile.Core;
using MusicPile.Core.Pipelines;

namespace MusicPile.Dedup.Stages;

/// <summary>Reads <see cref="DedupOptions"/> from a pipeline stage's options (names in snake_case).</summary>
internal static class DedupStageOptions
{
    public static DedupOptions From(StageOptions o)
    {
        var d = new DedupOptions();
        var verify = o.GetString("verify_threshold");
        try
        {
            return new DedupOptions
            {
                ShingleSize = o.GetInt("shingle_size", d.ShingleSize),
                Bands = o.GetInt("bands", d.Bands),
                RowsPerBand = o.GetInt("rows_per_band", d.RowsPerBand),
                Seed = (ulong)o.GetLong("seed", (long)d.Seed),
                TextUnit = ParseEnum(o.GetString("text_unit"), d.TextUnit),
                AbcUnit = ParseEnum(o.GetString("abc_unit"), d.AbcUnit),
                VerifyThreshold = verify is null ? d.VerifyThreshold : verify == "none" ? null : o.GetDouble("verify_threshold", 0.7),
                Representative = ParseEnum(o.GetString("representative"), d.Representative),
                Exact = o.GetBool("exact", d.Exact),
                Music = o.GetBool("music", d.Music),
                Near = o.GetBool("near", d.Near),
                MemoryBudgetBytes = o.GetLong("memory_budget_mb", d.MemoryBudgetBytes >> 20) << 20,
            }.Validate();
        }
        catch (ArgumentException e)
        {
            throw MusicPileException.Usage($"dedup options: {e.Message}");
        }
    }

    private static T ParseEnum<T>(string? text, T fallback) where T : struct, Enum
    {
        if (text is null)
            return fallback;
        var key = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse<T>(key, ignoreCase: true, out var v)
            ? v
            : throw MusicPileException.Usage($"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}");
    }
}
