using MusicPile.Abc;

namespace MusicPile.Publish.Tests;

/// <summary>
/// Source files a test changes night after night, the way a corpus does: files added, deleted, edited (tunes cut,
/// inserted, changed, moved), renamed and touched, and copies of tunes planted across files (retitled copies are
/// exact duplicates once normalised, transposed ones music duplicates). Only changed files are written again.
/// </summary>
internal sealed class NightlyCorpus
{
    private readonly string _dir;
    private readonly Random _rng;
    private readonly Queue<string> _reserve;
    private readonly List<string> _captions;
    private readonly SortedDictionary<string, List<string>> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private int _next;

    public NightlyCorpus(string dir, int seed, IReadOnlyList<string> tunes, IReadOnlyList<string> captions)
    {
        _dir = dir;
        _rng = new Random(seed);
        _reserve = new Queue<string>(tunes);
        _captions = captions.ToList();
    }

    public IReadOnlyCollection<string> Files => _files.Keys;

    /// <summary>Every file whose name starts with <paramref name="folder"/>.</summary>
    public IEnumerable<string> In(string folder) => _files.Keys.Where(f => f.StartsWith(folder + "/", StringComparison.Ordinal));

    public string FullPath(string rel) => Path.Combine(_dir, rel);

    public void AddAbc(string folder, int tunes)
    {
        var rel = $"{folder}/t{_next++:000}.abc";
        var list = new List<string>();
        for (var i = 0; i < tunes && _reserve.Count > 0; i++)
            list.Add(_reserve.Dequeue());
        _files[rel] = list;
        _dirty.Add(rel);
    }

    public void AddCaptions(int lines)
    {
        var rel = $"notes/c{_next++:000}.jsonl";
        var start = _rng.Next(Math.Max(1, _captions.Count - lines));
        _files[rel] = _captions.Skip(start).Take(lines).ToList();
        _dirty.Add(rel);
    }

    /// <summary>One random change; returns what it did.</summary>
    public string Change()
    {
        var abc = _files.Keys.Where(f => f.EndsWith(".abc", StringComparison.Ordinal)).ToList();
        var roll = _rng.Next(100);
        if (roll < 12 && _reserve.Count > 5)
        {
            AddAbc(_rng.Next(3) == 0 ? "more" : "folk", _rng.Next(3, 12));
            var added = _files.Keys.Last(k => _dirty.Contains(k) && k.EndsWith(".abc", StringComparison.Ordinal));
            if (abc.Count > 0)
                _files[added].Add(CopyOf(abc[_rng.Next(abc.Count)]));
            return $"add {added}";
        }
        if (roll < 22 && abc.Count > 3)
        {
            var f = abc[_rng.Next(abc.Count)];
            _files.Remove(f);
            File.Delete(FullPath(f));
            return $"delete {f}";
        }
        if (roll < 30 && abc.Count > 0)
        {
            var f = abc[_rng.Next(abc.Count)];
            var to = $"{f[..f.IndexOf('/', StringComparison.Ordinal)]}/t{_next++:000}.abc";
            File.Move(FullPath(f), FullPath(to));
            _files[to] = _files[f];
            _files.Remove(f);
            return $"rename {f} -> {to}";
        }
        if (roll < 36 && abc.Count > 0)
        {
            var f = abc[_rng.Next(abc.Count)];
            File.SetLastWriteTimeUtc(FullPath(f), DateTime.UtcNow.AddMinutes(_rng.Next(1, 100)));
            return $"touch {f}";
        }
        if (roll < 44)
        {
            var notes = In("notes").ToList();
            if (notes.Count == 0 || _rng.Next(3) == 0)
            {
                AddCaptions(_rng.Next(5, 15));
                return "add captions";
            }
            var f = notes[_rng.Next(notes.Count)];
            var lines = _files[f];
            if (lines.Count > 2 && _rng.Next(2) == 0)
                lines.RemoveAt(_rng.Next(lines.Count));
            else
                lines.Insert(_rng.Next(lines.Count + 1), _captions[_rng.Next(_captions.Count)]);
            _dirty.Add(f);
            return $"edit {f}";
        }
        return abc.Count == 0 ? "nothing" : Edit(abc[_rng.Next(abc.Count)], abc);
    }

    private string Edit(string f, List<string> abc)
    {
        var tunes = _files[f];
        _dirty.Add(f);
        switch (_rng.Next(6))
        {
            case 0 when tunes.Count > 1:
                tunes.RemoveAt(_rng.Next(tunes.Count));
                return $"edit {f}: remove a tune";
            case 1 when tunes.Count > 3:
                var k = _rng.Next(1, tunes.Count / 2);
                tunes.RemoveRange(tunes.Count - k, k);
                return $"edit {f}: cut the last {k} tunes";
            case 2 when tunes.Count > 1:
                var (i, j) = (_rng.Next(tunes.Count), _rng.Next(tunes.Count));
                (tunes[i], tunes[j]) = (tunes[j], tunes[i]);
                return $"edit {f}: swap two tunes";
            case 3 when tunes.Count > 0:
                var t = _rng.Next(tunes.Count);
                tunes[t] = ChangeANote(tunes[t]);
                return $"edit {f}: change a note";
            case 4:
                tunes.Insert(_rng.Next(tunes.Count + 1), CopyOf(abc[_rng.Next(abc.Count)]));
                return $"edit {f}: insert a copy of a tune";
            default:
                if (_reserve.Count == 0)
                    return $"edit {f}: none";
                tunes.Insert(_rng.Next(tunes.Count + 1), _reserve.Dequeue());
                return $"edit {f}: insert a new tune";
        }
    }

    /// <summary>A copy of a tune of <paramref name="file"/>: retitled (an exact duplicate once normalised) or transposed (a music duplicate).</summary>
    private string CopyOf(string file)
    {
        var tunes = _files[file];
        if (tunes.Count == 0)
            return _reserve.Count > 0 ? _reserve.Dequeue() : "X:1\nT:Empty\nK:C\nCDEF|\n";
        var tune = tunes[_rng.Next(tunes.Count)];
        if (_rng.Next(2) == 0)
            return tune.Replace("\nT:", "\nT:Copy of ", StringComparison.Ordinal);
        var parsed = AbcDocument.ParseTune(tune);
        var text = parsed is null ? tune : AbcNormalizer.Normalize(parsed, AbcNormalizerOptions.Default with { Transpose = 2 }).Text;
        return text.EndsWith('\n') ? text : text + "\n";
    }

    private string ChangeANote(string tune)
    {
        var body = tune.IndexOf("\nK:", StringComparison.Ordinal);
        var start = tune.IndexOf('\n', body + 1) + 1;
        var chars = tune.ToCharArray();
        for (var tries = 0; tries < 50 && start > 0 && start < chars.Length; tries++)
        {
            var p = _rng.Next(start, chars.Length);
            if ("ABCDEFGabcdefg".Contains(chars[p], StringComparison.Ordinal) && (p == 0 || chars[p - 1] != '"'))
            {
                chars[p] = chars[p] == 'G' ? 'A' : chars[p] == 'g' ? 'a' : (char)(chars[p] + 1);
                return new string(chars);
            }
        }
        return tune + "|c2|\n";
    }

    /// <summary>Writes the files changed since the last call.</summary>
    public void Write()
    {
        foreach (var rel in _dirty.Where(_files.ContainsKey))
        {
            var path = FullPath(rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var text = rel.EndsWith(".abc", StringComparison.Ordinal)
                ? string.Join("\n", _files[rel])
                : string.Concat(_files[rel].Select(l => l + "\n"));
            File.WriteAllText(path, text);
        }
        _dirty.Clear();
    }
}
