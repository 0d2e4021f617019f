namespace MusicPile.Dedup.Steps;

/// <summary>Disjoint sets over dense integers: array-based, union by rank, path compression; grows on demand.</summary>
internal sealed class UnionFind
{
    private int[] _parent;
    private byte[] _rank;

    public UnionFind(int count)
    {
        _parent = new int[Math.Max(count, 16)];
        _rank = new byte[_parent.Length];
        for (var i = 0; i < _parent.Length; i++)
            _parent[i] = i;
        Count = count;
    }

    public int Count { get; private set; }

    public int AddNode()
    {
        if (Count == _parent.Length)
        {
            var old = _parent.Length;
            Array.Resize(ref _parent, old * 2);
            Array.Resize(ref _rank, old * 2);
            for (var i = old; i < _parent.Length; i++)
                _parent[i] = i;
        }
        return Count++;
    }

    public int Find(int x)
    {
        var root = x;
        while (_parent[root] != root)
            root = _parent[root];
        while (_parent[x] != root)
            (x, _parent[x]) = (_parent[x], root);
        return root;
    }

    /// <summary>Joins the sets of a and b; false when they were already one set.</summary>
    public bool Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
            return false;
        if (_rank[a] < _rank[b])
            (a, b) = (b, a);
        _parent[b] = a;
        if (_rank[a] == _rank[b])
            _rank[a]++;
        return true;
    }
}
