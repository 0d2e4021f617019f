using MusicPile.Core.IO;

namespace MusicPile.Ingest;

/// <summary>
/// Lists the files under a source's folders without trusting links: real folders first, then links one by one, each
/// followed only to a folder not listed yet (by device and inode, so <c>loop -&gt; .</c> adds nothing) and, unless the
/// source says <c>follow_links: true</c>, only when it stays inside the source's own folders. Dangling links, links
/// to themselves and special files are skipped with a note. Each file is listed once, under the first path found.
/// </summary>
internal sealed class FolderWalk(IReadOnlyList<string> roots, bool followLinks)
{
    private const int LinkLoop = 40;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly HashSet<(ulong, ulong)> _fileIds = [];

    public List<string> Files { get; } = [];

    public List<SkippedPath> Skipped { get; } = [];

    /// <summary>Adds a path named outright: a file, or a folder with everything under it.</summary>
    public void AddNamed(string path)
    {
        switch (UnixFileStatus.TryGet(path, followLinks: true, out _)?.Type)
        {
            case UnixFileStatus.FileType.Directory:
                AddFolder(path, recursive: true, _ => true);
                break;
            case null:
                if (UnixFileStatus.TryGet(path, followLinks: false, out _) is not null)
                    FollowLink(path, recursive: true, _ => true, [], new Stack<string>());
                break;
            default:
                AddFile(path, _ => true);
                break;
        }
    }

    /// <summary>Adds the files under <paramref name="folder"/> (at every depth when <paramref name="recursive"/>) whose path <paramref name="matches"/>.</summary>
    public void AddFolder(string folder, bool recursive, Func<string, bool> matches)
    {
        var start = UnixFileStatus.TryGet(folder, followLinks: true, out _);
        if (start is not { Type: UnixFileStatus.FileType.Directory })
            return;
        HashSet<(ulong, ulong)> folders = [start.Value.Identity];
        var pending = new Stack<string>([folder]);
        var links = new Queue<string>();
        while (true)
        {
            while (pending.TryPop(out var dir))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir, "*", OneLevel).Order(StringComparer.Ordinal))
                {
                    var status = UnixFileStatus.TryGet(entry, followLinks: false, out _);
                    if (status is not { } s)
                        continue;
                    if (s.Type == UnixFileStatus.FileType.SymbolicLink)
                        links.Enqueue(entry);
                    else if (s.Type == UnixFileStatus.FileType.Directory)
                    {
                        if (recursive && folders.Add(s.Identity))
                            pending.Push(entry);
                    }
                    else
                        AddFile(entry, s, matches);
                }
            }
            if (!links.TryDequeue(out var link))
                break;
            FollowLink(link, recursive, matches, folders, pending);
        }
    }

    private void FollowLink(string link, bool recursive, Func<string, bool> matches, HashSet<(ulong, ulong)> folders, Stack<string> pending)
    {
        // A link that cannot be a folder we descend into matters only when its own name is wanted.
        var relevant = recursive || matches(link);
        var target = UnixFileStatus.TryGet(link, followLinks: true, out var errno);
        if (target is not { } t)
        {
            if (relevant)
                Skip(link, errno == LinkLoop ? "link-loop" : "dangling-link", errno == LinkLoop ? "the link leads back to itself" : "the link's target does not exist");
            return;
        }
        if (t.Type == UnixFileStatus.FileType.Directory ? !recursive : !matches(link))
            return;
        var real = RealPath.TryGet(link, out _);
        if (real is null)
        {
            Skip(link, "dangling-link", "the link's target cannot be resolved");
            return;
        }
        if (!followLinks && !roots.Any(r => RealPath.IsUnder(real, r)))
        {
            Skip(link, "link-outside-source", $"leads to {real}, outside the source's folders (set follow_links: true to read it)");
            return;
        }
        if (t.Type != UnixFileStatus.FileType.Directory)
            AddFile(link, t, matches);
        else if (folders.Add(t.Identity))
            pending.Push(link);
        else
            Skip(link, "link-loop", $"leads to {real}, a folder already listed");
    }

    private void AddFile(string path, Func<string, bool> matches)
    {
        if (UnixFileStatus.TryGet(path, followLinks: true, out _) is { } status)
            AddFile(path, status, matches);
    }

    private void AddFile(string path, UnixFileStatus status, Func<string, bool> matches)
    {
        if (!matches(path))
            return;
        if (status.Type != UnixFileStatus.FileType.Regular)
            Skip(path, "special-file", "not a regular file (a pipe, socket or device)");
        else if (_fileIds.Add(status.Identity))
            Files.Add(path);
    }

    private void Skip(string path, string reason, string detail) => Skipped.Add(new SkippedPath(path, reason, detail));
}
