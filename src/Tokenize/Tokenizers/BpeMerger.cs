namespace MusicPile.Tokenize;

/// <summary>
/// SentencePiece's BPE merge loop over one span of normalised text: symbols start as single code points in a
/// linked list, and the adjacent pair whose concatenation is the best-scoring piece is merged until none is left;
/// equal scores go to the leftmost pair. One instance per thread: it reuses its arrays between calls.
/// </summary>
internal sealed class BpeMerger(SentencePieceBpeEncoder encoder)
{
    private int[] _start = new int[64];
    private int[] _length = new int[64];
    private int[] _id = new int[64];
    private int[] _prev = new int[64];
    private int[] _next = new int[64];
    private Candidate[] _heap = new Candidate[64];
    private int _heapCount;

    /// <summary>Appends the ids of <paramref name="text"/> (already normalised) to <paramref name="ids"/>.</summary>
    public void Encode(ReadOnlySpan<char> text, List<int> ids)
    {
        var count = Split(text);
        if (count == 1)
        {
            encoder.AppendSymbol(text, _id[0], ids);
            return;
        }
        _heapCount = 0;
        for (var i = 0; i + 1 < count; i++)
            Offer(text, i, i + 1);
        while (_heapCount > 0)
        {
            var top = Pop();
            var (left, right) = (top.Left, top.Right);
            if (_length[left] == 0 || _length[right] == 0 || _length[left] + _length[right] != top.Length)
                continue;
            _length[left] = top.Length;
            _id[left] = top.Id;
            _length[right] = 0;
            _next[left] = _next[right];
            if (_next[right] >= 0)
                _prev[_next[right]] = left;
            Offer(text, _prev[left], left);
            Offer(text, left, _next[left]);
        }
        for (var i = 0; i >= 0; i = _next[i])
            encoder.AppendSymbol(text.Slice(_start[i], _length[i]), _id[i], ids);
    }

    private int Split(ReadOnlySpan<char> text)
    {
        if (_start.Length < text.Length)
        {
            var size = Math.Max(text.Length, 2 * _start.Length);
            (_start, _length, _id, _prev, _next) = (new int[size], new int[size], new int[size], new int[size], new int[size]);
        }
        var count = 0;
        for (var at = 0; at < text.Length; count++)
        {
            var width = char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;
            _start[count] = at;
            _length[count] = width;
            _id[count] = encoder.PieceId(text.Slice(at, width));
            _prev[count] = count - 1;
            _next[count] = count + 1;
            at += width;
        }
        _next[count - 1] = -1;
        return count;
    }

    private void Offer(ReadOnlySpan<char> text, int left, int right)
    {
        if (left < 0 || right < 0)
            return;
        var length = _length[left] + _length[right];
        if (length > encoder.MaxPieceLength)
            return;
        var id = encoder.PieceId(text.Slice(_start[left], length));
        if (id >= 0)
            Push(new Candidate(encoder.Score(id), left, right, length, id));
    }

    private void Push(Candidate candidate)
    {
        if (_heapCount == _heap.Length)
            Array.Resize(ref _heap, 2 * _heap.Length);
        var at = _heapCount++;
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (!candidate.Precedes(_heap[parent]))
                break;
            _heap[at] = _heap[parent];
            at = parent;
        }
        _heap[at] = candidate;
    }

    private Candidate Pop()
    {
        var top = _heap[0];
        var last = _heap[--_heapCount];
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= _heapCount)
                break;
            if (child + 1 < _heapCount && _heap[child + 1].Precedes(_heap[child]))
                child++;
            if (!_heap[child].Precedes(last))
                break;
            _heap[at] = _heap[child];
            at = child;
        }
        _heap[at] = last;
        return top;
    }

    private readonly record struct Candidate(float Score, int Left, int Right, int Length, int Id)
    {
        public bool Precedes(Candidate other) => Score > other.Score || (Score == other.Score && Left < other.Left);
    }
}
