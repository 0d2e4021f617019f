using MusicPile.Dedup.Hashing;
using MusicPile.Dedup.Shingling;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>
/// Step 1: read the documents once; compute content hashes, fingerprint hashes, MinHash signatures and band
/// buckets on all cores batch by batch; write signatures to a file in arrival order and feed the exact, music
/// and band sorters. Results are written in input order, so the output does not depend on thread timing.
/// </summary>
internal static class SignatureStep
{
    public static async Task<SignatureStepOutput> RunAsync(DedupRun run, IAsyncEnumerable<DedupDocument> documents, CancellationToken ct)
    {
        var options = run.Options;
        var output = new SignatureStepOutput(
            new ExternalSorter<ExactEntry>(run.WorkDirectory, "exact", run.Budget(0.12), options.MergeFanIn, run.Sort),
            new ExternalSorter<MusicEntry>(run.WorkDirectory, "music", run.Budget(0.08), options.MergeFanIn, run.Sort),
            new ExternalSorter<BandEntry>(run.WorkDirectory, "bands", run.Budget(0.70), options.MergeFanIn, run.Sort));
        await using var signatures = await RecordWriter<ulong>.CreateAsync(run.SignaturePath, RecordKind.Signatures, 0, ct, options.HashCount, 1 << 20).ConfigureAwait(false);

        var filling = new SignatureBatch(options);
        SignatureBatch? computing = null;
        Task? compute = null;
        await foreach (var doc in documents.WithCancellation(ct).ConfigureAwait(false))
        {
            filling.Documents.Add(doc);
            if (filling.Documents.Count < options.BatchSize)
                continue;
            if (compute is not null)
                await FinishAsync(run, compute, computing!, signatures, output, ct).ConfigureAwait(false);
            var batch = computing = filling;
            compute = Task.Run(() => batch.Compute(run.Hasher, options, ct), ct);
            filling = new SignatureBatch(options);
        }
        if (compute is not null)
            await FinishAsync(run, compute, computing!, signatures, output, ct).ConfigureAwait(false);
        if (filling.Documents.Count > 0)
        {
            filling.Compute(run.Hasher, options, ct);
            await WriteAsync(run, filling, signatures, output, ct).ConfigureAwait(false);
        }
        await signatures.CompleteAsync(ct).ConfigureAwait(false);
        return output;
    }

    private static async Task FinishAsync(DedupRun run, Task compute, SignatureBatch batch, RecordWriter<ulong> signatures, SignatureStepOutput output, CancellationToken ct)
    {
        await compute.ConfigureAwait(false);
        await WriteAsync(run, batch, signatures, output, ct).ConfigureAwait(false);
    }

    private static async Task WriteAsync(DedupRun run, SignatureBatch batch, RecordWriter<ulong> signatures, SignatureStepOutput output, CancellationToken ct)
    {
        var options = run.Options;
        for (var i = 0; i < batch.Documents.Count; i++)
        {
            var dense = run.Docs.Add(batch.Documents[i]);
            await signatures.WriteAsync(batch.Signatures.AsMemory(i * options.HashCount, options.HashCount), ct).ConfigureAwait(false);
            await output.Exact.AddAsync(new ExactEntry(batch.Keys[i], dense), ct).ConfigureAwait(false);
            if (batch.Fingerprints[i] is { } fp)
                await output.Music.AddAsync(new MusicEntry(fp.Hi, fp.Lo, dense), ct).ConfigureAwait(false);
            if (!batch.HasShingles[i])
                continue;
            for (var b = 0; b < options.Bands; b++)
                await output.Bands.AddAsync(new BandEntry(batch.Buckets[i * options.Bands + b], b, dense), ct).ConfigureAwait(false);
        }
    }
}

/// <summary>The sorters filled by the signature step, ready to be sorted by the later steps.</summary>
internal sealed record SignatureStepOutput(
    ExternalSorter<ExactEntry> Exact,
    ExternalSorter<MusicEntry> Music,
    ExternalSorter<BandEntry> Bands) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Exact.DisposeAsync().ConfigureAwait(false);
        await Music.DisposeAsync().ConfigureAwait(false);
        await Bands.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A batch of documents and what the signature threads computed for them.</summary>
internal sealed class SignatureBatch(DedupOptions options)
{
    public List<DedupDocument> Documents { get; } = new(options.BatchSize);

    public Sha256Key[] Keys { get; private set; } = [];

    public (ulong Hi, ulong Lo)?[] Fingerprints { get; private set; } = [];

    public bool[] HasShingles { get; private set; } = [];

    public ulong[] Signatures { get; private set; } = [];

    public ulong[] Buckets { get; private set; } = [];

    public void Compute(MinHasher hasher, DedupOptions options, CancellationToken ct)
    {
        var n = Documents.Count;
        Keys = new Sha256Key[n];
        Fingerprints = new (ulong, ulong)?[n];
        HasShingles = new bool[n];
        Signatures = new ulong[n * options.HashCount];
        Buckets = new ulong[n * options.Bands];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct };
        Parallel.For(0, n, parallel, () => new List<ulong>(), (i, _, scratch) =>
        {
            var doc = Documents[i];
            Keys[i] = ContentHash.FromHexOrCompute(doc.ContentHash, doc.Text);
            if (!string.IsNullOrEmpty(doc.MelodyFingerprint))
                Fingerprints[i] = FingerprintHash.Compute(doc.MelodyFingerprint, options.Seed);
            var signature = Signatures.AsSpan(i * options.HashCount, options.HashCount);
            HasShingles[i] = hasher.Compute(doc.Text, doc.Kind, scratch, signature);
            if (HasShingles[i])
                hasher.Buckets(signature, Buckets.AsSpan(i * options.Bands, options.Bands));
            return scratch;
        }, static _ => { });
    }
}
