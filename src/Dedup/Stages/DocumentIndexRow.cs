namespace MusicPile.Dedup.Stages;

/// <summary>One document of the dedup stage's input as the catalog's document index records it.</summary>
/// <param name="Row">Row in the stage's output shard, or -1 for a removed duplicate.</param>
internal readonly record struct DocumentIndexRow(long Id, string Sha256, string Src, string Kind, long Row, bool Kept);
