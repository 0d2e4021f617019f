namespace MusicPile.Dedup.Steps;

/// <summary>
/// Per-document facts of this run by dense number (arrival position): what representative choice needs and
/// where each removed document went. About 40 bytes a document; signatures and keys stay on disk.
/// </summary>
internal sealed class DocumentTable
{
    public const int Alive = -1;
    public const int IntoPrevious = -2;

    private long[] _ids = new long[1024];
    private long[] _orders = new long[1024];
    private int[] _lengths = new int[1024];
    private int[] _diagnostics = new int[1024];
    private int[] _into = new int[1024];
    private readonly Dictionary<int, long> _intoPrevious = [];

    public int Count { get; private set; }

    public int Add(DedupDocument doc)
    {
        if (Count == _ids.Length)
        {
            var size = checked(_ids.Length * 2);
            Array.Resize(ref _ids, size);
            Array.Resize(ref _orders, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _diagnostics, size);
            Array.Resize(ref _into, size);
        }
        _ids[Count] = doc.Id;
        _orders[Count] = doc.Order;
        _lengths[Count] = doc.Text.Length;
        _diagnostics[Count] = doc.DiagnosticCount;
        _into[Count] = Alive;
        return Count++;
    }

    public long Id(int doc) => _ids[doc];

    public long Order(int doc) => _orders[doc];

    public bool IsAlive(int doc) => _into[doc] == Alive;

    public void RemoveInto(int doc, int representative) => _into[doc] = representative;

    public void RemoveIntoPrevious(int doc, long previousId)
    {
        _into[doc] = IntoPrevious;
        _intoPrevious[doc] = previousId;
    }

    /// <summary>The id of the kept document that <paramref name="doc"/> finally resolves to (its own id when kept).</summary>
    public long KeptId(int doc)
    {
        while (_into[doc] >= 0)
            doc = _into[doc];
        return _into[doc] == IntoPrevious ? _intoPrevious[doc] : _ids[doc];
    }

    /// <summary>True when <paramref name="a"/> should represent a cluster rather than <paramref name="b"/>.</summary>
    public bool Prefer(int a, int b, RepresentativePolicy policy)
    {
        var c = policy switch
        {
            RepresentativePolicy.Longest => _lengths[b].CompareTo(_lengths[a]),
            RepresentativePolicy.Cleanest => _diagnostics[a].CompareTo(_diagnostics[b]),
            _ => 0,
        };
        if (c == 0) c = _orders[a].CompareTo(_orders[b]);
        if (c == 0) c = _ids[a].CompareTo(_ids[b]);
        if (c == 0) c = a.CompareTo(b);
        return c < 0;
    }

    public int Best(IReadOnlyList<int> docs, RepresentativePolicy policy)
    {
        var best = docs[0];
        for (var i = 1; i < docs.Count; i++)
            if (Prefer(docs[i], best, policy))
                best = docs[i];
        return best;
    }
}
