namespace MusicPile.Dedup.Steps;

/// <summary>Union-find nodes of the near step: this run's documents by dense number, then previous-index documents as they are met.</summary>
internal sealed class NearGraph(DedupRun run)
{
    private readonly Dictionary<int, int> _previousNodes = [];
    private readonly List<int> _previousPositions = [];

    public UnionFind Sets { get; } = new(run.Docs.Count);

    public int CurrentCount { get; } = run.Docs.Count;

    public int PreviousCount => _previousPositions.Count;

    public int PreviousNode(int position)
    {
        if (!_previousNodes.TryGetValue(position, out var node))
        {
            node = Sets.AddNode();
            _previousNodes.Add(position, node);
            _previousPositions.Add(position);
        }
        return node;
    }

    public bool IsPrevious(int node) => node >= CurrentCount;

    public int PositionOf(int node) => _previousPositions[node - CurrentCount];

    public async ValueTask<ulong[]> ReadSignatureAsync(SignatureStore store, int node, CancellationToken ct)
    {
        var signature = store.NewBuffer();
        if (IsPrevious(node))
            await store.ReadPreviousAsync(PositionOf(node), signature, ct).ConfigureAwait(false);
        else
            await store.ReadCurrentAsync(node, signature, ct).ConfigureAwait(false);
        return signature;
    }
}
