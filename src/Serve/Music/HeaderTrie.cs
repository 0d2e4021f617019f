namespace MusicPile.Serve.Music;

/// <summary>
/// The header lines a constrained tune may use, as a character trie. Each complete line ends with a newline and
/// names the header phase that follows it.
/// </summary>
internal sealed class HeaderTrie
{
    private readonly List<Dictionary<char, int>> _children = [new()];
    private readonly List<HeaderPhase?> _next = [null];
    private readonly List<string?> _shortest = [];

    public HeaderTrie(IEnumerable<(string Line, HeaderPhase Next)> lines)
    {
        foreach (var (line, next) in lines)
        {
            var node = 0;
            foreach (var c in line + "\n")
            {
                if (!_children[node].TryGetValue(c, out var child))
                {
                    child = _children.Count;
                    _children.Add([]);
                    _next.Add(null);
                    _children[node][c] = child;
                }
                node = child;
            }
            _next[node] = next;
        }
        for (var i = 0; i < _children.Count; i++) _shortest.Add(null);
        Shortest(0);
    }

    /// <summary>The child of <paramref name="node"/> along <paramref name="c"/>, or -1.</summary>
    public int Step(int node, char c) => _children[node].TryGetValue(c, out var child) ? child : -1;

    /// <summary>The phase after a complete line, or null when <paramref name="node"/> ends no line.</summary>
    public HeaderPhase? NextPhase(int node) => _next[node];

    /// <summary>The shortest text that completes a line from <paramref name="node"/> and the phase it leads to.</summary>
    public (string Text, HeaderPhase Next) Complete(int node)
    {
        var text = Shortest(node);
        var end = node;
        foreach (var c in text) end = Step(end, c);
        return (text, _next[end]!.Value);
    }

    private string Shortest(int node)
    {
        if (_shortest[node] is { } known) return known;
        string best;
        if (_next[node] is not null)
            best = "";
        else
        {
            best = new string('\0', 1000);
            foreach (var (c, child) in _children[node].OrderBy(p => p.Key))
            {
                var candidate = c + Shortest(child);
                if (candidate.Length < best.Length) best = candidate;
            }
        }
        _shortest[node] = best;
        return best;
    }
}
