namespace MusicPile.Abc;

/// <summary>One call from file text to per-tune verdicts; what <c>musicpile abc check</c> prints.</summary>
public static class AbcChecker
{
    /// <summary>Parses and validates every tune of a file's text.</summary>
    public static IReadOnlyList<TuneCheckResult> Check(string fileText, string fileName)
    {
        var doc = AbcDocument.Parse(fileText, fileName);
        var results = new List<TuneCheckResult>(doc.Tunes.Count);
        foreach (var tune in doc.Tunes)
        {
            var diagnostics = AbcValidator.Validate(tune);
            results.Add(new TuneCheckResult(fileName, tune.Index, tune.X, AbcValidator.IsFatal(diagnostics), diagnostics));
        }
        return results;
    }

    /// <summary>Reads a file's bytes (repairing legacy encodings with <see cref="AbcText.Decode"/>) and checks it.</summary>
    public static IReadOnlyList<TuneCheckResult> Check(ReadOnlySpan<byte> fileBytes, string fileName) =>
        Check(AbcText.Decode(fileBytes).Text, fileName);
}
