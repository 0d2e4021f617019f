namespace MusicPile.Train.Jobs;

/// <summary>
/// The training mixture of an export: one data source per document kind the recipe lists (weighted as it says, each
/// with its own validation loss), or, when the export's documents cannot be told apart by kind, one source named
/// <see cref="WholeExport"/> whose validation loss covers the whole validation split.
/// </summary>
internal static class ExportSources
{
    /// <summary>Name of the single source used when kinds are unknown.</summary>
    public const string WholeExport = "all";

    public static List<DataSource> Of(ExportLayout layout, string exportId, TrainRecipe recipe, TextWriter log)
    {
        var seqLen = recipe.Trainer.SeqLen;
        var minTrain = (seqLen + 1) * 4L;
        var minValidation = seqLen + 1L;
        var sources = new List<DataSource>();
        if (layout.ByKind is not { } kinds)
        {
            log.WriteLine($"export {exportId}: document kinds unknown ({layout.WhyNoKinds}); training on all of it, " +
                $"validation loss reported over the whole validation split as '{WholeExport}'" +
                (recipe.Kinds.Count == TrainRecipe.AllKinds.Count && recipe.Weights.Count == 0 ? "" : " (the config's kinds and weights do not apply)"));
            if (layout.Train.Tokens > minTrain)
                sources.Add(new DataSource(WholeExport, layout.Train.All, layout.Validation.Tokens >= minValidation ? layout.Validation.All : []));
            return sources;
        }
        foreach (var kind in recipe.Kinds)
        {
            var k = kinds.GetValueOrDefault(kind);
            log.WriteLine($"export {exportId} ({kind}): {k?.TrainTokens ?? 0:N0} train and {k?.ValidationTokens ?? 0:N0} validation tokens");
            if (k is null || k.TrainTokens <= minTrain)
                continue;
            sources.Add(new DataSource(kind, k.Train, k.ValidationTokens >= minValidation ? k.Validation : [], recipe.WeightOf(kind)));
        }
        var validated = sources.Where(s => s.Validation.Count > 0).Select(s => s.Name).ToList();
        log.WriteLine(validated.Count > 0
            ? $"validation loss per document kind: {string.Join(", ", validated)}"
            : $"no validation loss: no kind has a validation window of {minValidation} tokens");
        return sources;
    }
}
