namespace MusicPile.Ingest;

/// <summary>
/// A path a source's globs met but did not read, and why: <c>link-loop</c> (a link back into a folder already
/// listed, or to itself), <c>dangling-link</c>, <c>link-outside-source</c> (a link out of the source's folders, without
/// <c>follow_links: true</c>) or <c>special-file</c> (a pipe, socket or device).
/// </summary>
internal sealed record SkippedPath(string Path, string Reason, string Detail);
