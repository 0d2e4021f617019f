using MusicPile.Tokenize;

namespace MusicPile.Train.Jobs;

/// <summary>
/// Follows an export's own decisions for each snapshot document, in the export's order: the split and the number of
/// copies come from the document's hash (<see cref="DocumentSampling"/>) with the manifest's validation share and
/// per-source weights, and the end-of-text tokens it spans from its text (each literal <c>&lt;/s&gt;</c> is one, and
/// a document not ending in one is given one).
/// </summary>
internal sealed class DocumentWalk : IDisposable
{
    private readonly ExportManifest _manifest;
    private readonly Dictionary<string, double> _weights;
    private readonly bool _formatAddsSeparator;
    private readonly SplitWalk _train;
    private readonly SplitWalk _validation;
    private string? _problem;

    public DocumentWalk(ExportManifest manifest, ExportSplit train, ExportSplit validation)
    {
        _manifest = manifest;
        _weights = manifest.Sources.ToDictionary(s => s.Source, s => s.Weight, StringComparer.Ordinal);
        _formatAddsSeparator = manifest.Format is ShardFormat.NanoGpt or ShardFormat.Llmc;
        _train = new SplitWalk(TokenExporter.TrainSplit, train, manifest.EosId);
        _validation = new SplitWalk(TokenExporter.ValidationSplit, validation, manifest.EosId);
    }

    /// <summary>Files the next document; false (with the problem kept for <see cref="Finish"/>) when the export ran out first.</summary>
    public bool Add(ExportDocument document)
    {
        var text = document.Sft is { } sft ? SftEncoder.Format(sft) : document.Text;
        // The exporter writes nothing for a document that encodes to no tokens (after dropping its own final EOS
        // where the format adds a separator).
        if (text.Length == 0 || (_formatAddsSeparator && text == MusicTokenizer.EosLiteral))
            return true;
        var stretches = Occurrences(text, MusicTokenizer.EosLiteral) + (text.EndsWith(MusicTokenizer.EosLiteral, StringComparison.Ordinal) ? 0 : 1);
        var sha = string.IsNullOrEmpty(document.Sha256) ? DocumentSampling.Sha256Of(document.Text) : document.Sha256;
        var validation = DocumentSampling.IsValidation(sha, _manifest.ValidationFraction);
        var copies = validation ? 1 : DocumentSampling.Copies(sha, _weights.GetValueOrDefault(document.Source, 1.0));
        var split = validation ? _validation : _train;
        for (var copy = 0; copy < copies; copy++)
        {
            if (!split.Take(document.Kind, document.Source, stretches))
            {
                _problem = $"the export's {(validation ? "validation" : "training")} split ends before the snapshot's documents do";
                return false;
            }
        }
        return true;
    }

    /// <summary>Null when the walk used every token and agrees with the manifest's per-source counts, else why not.</summary>
    public string? Finish()
    {
        if ((_problem ?? _train.Finish() ?? _validation.Finish()) is { } problem)
            return problem;
        var listed = _manifest.Sources.Select(s => s.Source).ToHashSet(StringComparer.Ordinal);
        if (_train.Sources.Keys.Concat(_validation.Sources.Keys).FirstOrDefault(s => !listed.Contains(s)) is { } unlisted)
            return $"the snapshot has documents of source {unlisted}, which the export's manifest does not list";
        foreach (var s in _manifest.Sources)
        {
            if (_train.Sources.GetValueOrDefault(s.Source) != (s.TrainDocuments, s.TrainTokens)
                || _validation.Sources.GetValueOrDefault(s.Source) != (s.ValidationDocuments, s.ValidationTokens))
                return $"the documents of source {s.Source} do not match the export's manifest";
        }
        return null;
    }

    /// <summary>Each kind's spans in both splits (after a successful <see cref="Finish"/>).</summary>
    public IReadOnlyDictionary<string, ExportLayout.KindTokens> ByKind() =>
        _train.Kinds.Union(_validation.Kinds).Order(StringComparer.Ordinal).ToDictionary(k => k, k =>
        {
            var (train, trainTokens) = _train.Of(k);
            var (validation, validationTokens) = _validation.Of(k);
            return new ExportLayout.KindTokens(train, trainTokens, validation, validationTokens);
        }, StringComparer.Ordinal);

    public void Dispose()
    {
        _train.Dispose();
        _validation.Dispose();
    }

    private static int Occurrences(string text, string literal)
    {
        var count = 0;
        for (var at = text.IndexOf(literal, StringComparison.Ordinal); at >= 0; at = text.IndexOf(literal, at + literal.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
