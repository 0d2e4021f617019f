using System.Text.RegularExpressions;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Ingest.Validation;

/// <summary>Decides what a record is: an ABC tune, a chat record, an SFT record or music text.</summary>
internal static partial class RecordClassifier
{
    [GeneratedRegex(@"^X:\s*\d*\s*$", RegexOptions.Multiline)]
    private static partial Regex XLine();

    [GeneratedRegex(@"^K:", RegexOptions.Multiline)]
    private static partial Regex KLine();

    public static string Classify(string text, string? hint)
    {
        if (hint is not null)
            return hint;
        if (ChatTemplate.IsChat(text))
            return CorpusRecord.Kinds.Chat;
        var head = text.AsSpan(0, Math.Min(text.Length, 4096)).TrimStart();
        if (head.StartsWith("X:") && XLine().IsMatch(text) && KLine().IsMatch(text))
            return CorpusRecord.Kinds.Abc;
        return CorpusRecord.Kinds.Text;
    }
}
