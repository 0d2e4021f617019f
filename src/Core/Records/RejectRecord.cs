namespace MusicPile.Core.Records;

/// <summary>A record that did not make it into the output, with where it came from and why.</summary>
/// <param name="Source">The pipeline source name.</param>
/// <param name="SourceUri">The file (or file and member) the record came from.</param>
/// <param name="Position">Where in that file: <c>line:column</c>, <c>byte N</c> or <c>record N</c>.</param>
/// <param name="Reason">A stable kebab-case reason code.</param>
/// <param name="Detail">A human-readable explanation.</param>
/// <param name="Text">The record's text, possibly cut, so nothing is lost.</param>
public sealed record RejectRecord(string Source, string SourceUri, string Position, string Reason, string Detail, string Text);
