namespace MusicPile.Core.Records;

/// <summary>
/// One corpus document as stored between stages and in snapshots. <c>id, text, src</c> are MusicPile's own columns,
/// so the shards load as they are in other tools.
/// </summary>
public sealed record CorpusRecord(
    long Id,
    string Text,
    string Src,
    string Kind,
    string Sha256,
    string SourceUri,
    string Meta)
{
    public static class Kinds
    {
        public const string Abc = "abc";
        public const string Text = "text";
        public const string Chat = "chat";
        public const string Sft = "sft";
    }
}
