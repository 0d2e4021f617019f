using System.Globalization;
using System.Text.Json;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>
/// Step 5: write the dedup index of what this run kept, on top of the previous index when there is one: previous
/// records first, then this run's, each file merged in sorted order. Built in a sibling temporary folder and
/// renamed into place, so an unfinished index is never found under the final name.
/// </summary>
internal static class DedupIndexWriter
{
    /// <summary>Settings recorded in <c>index.json</c> that a reader must share.</summary>
    public static IEnumerable<(string Name, string Value)> Settings(DedupOptions o)
    {
        yield return ("seed", o.Seed.ToString(CultureInfo.InvariantCulture));
        yield return ("bands", o.Bands.ToString(CultureInfo.InvariantCulture));
        yield return ("rows_per_band", o.RowsPerBand.ToString(CultureInfo.InvariantCulture));
        yield return ("shingle_size", o.ShingleSize.ToString(CultureInfo.InvariantCulture));
        yield return ("text_unit", o.TextUnit.ToString());
        yield return ("abc_unit", o.AbcUnit.ToString());
    }

    public static async Task WriteAsync(DedupRun run, string directory, CancellationToken ct)
    {
        var target = Path.GetFullPath(directory);
        var temp = $"{target}.tmp-{Guid.NewGuid():N}";
        Directory.CreateDirectory(temp);
        try
        {
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var previousCount = run.Previous?.Documents ?? 0;
            var positions = new int[run.Docs.Count];
            var kept = 0L;
            for (var doc = 0; doc < positions.Length; doc++)
                positions[doc] = run.Docs.IsAlive(doc) ? checked((int)(previousCount + kept++)) : -1;

            counts[DedupIndex.DocumentsFile] = await WriteDocumentsAsync(run, temp, ct).ConfigureAwait(false);
            counts[DedupIndex.SignaturesFile] = await WriteSignaturesAsync(run, temp, positions, ct).ConfigureAwait(false);

            var exact = new MappedStream<ExactEntry, IndexExact>(
                await RecordReader<ExactEntry>.OpenAsync(run.ExactKeysPath, RecordKind.Temp, ct).ConfigureAwait(false),
                e => new IndexExact(e.Key, run.Docs.KeptId(e.Doc)));
            counts[DedupIndex.ExactFile] = await MergeIntoAsync(run, temp, DedupIndex.ExactFile, RecordKind.ExactKeys, 0, exact, ct).ConfigureAwait(false);

            var music = new MappedStream<MusicEntry, IndexMusic>(
                await RecordReader<MusicEntry>.OpenAsync(run.MusicKeysPath, RecordKind.Temp, ct).ConfigureAwait(false),
                e => new IndexMusic(e.Hi, e.Lo, run.Docs.KeptId(e.Doc)));
            counts[DedupIndex.MusicFile] = await MergeIntoAsync(run, temp, DedupIndex.MusicFile, RecordKind.MusicKeys, 0, music, ct).ConfigureAwait(false);

            await using (var live = new GroupedStream<BandEntry>(
                await RecordReader<BandEntry>.OpenAsync(run.NearBandsPath, RecordKind.Temp, ct).ConfigureAwait(false), e => e.Band))
            {
                for (var band = 0; band < run.Options.Bands; band++, live.NextGroup())
                {
                    var mine = new MappedStream<BandEntry, IndexBand>(live, e => positions[e.Doc] >= 0 ? new IndexBand(e.Bucket, positions[e.Doc]) : null);
                    var file = DedupIndex.BandFile(band);
                    counts[file] = await MergeIntoAsync(run, temp, file, RecordKind.BandBuckets, (uint)band, mine, ct, disposeInput: false).ConfigureAwait(false);
                }
            }

            await WriteManifestAsync(run, temp, previousCount + kept, counts, ct).ConfigureAwait(false);
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
            Directory.Move(temp, target);
        }
        finally
        {
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
        }
    }

    private static async Task<long> WriteDocumentsAsync(DedupRun run, string folder, CancellationToken ct)
    {
        await using var writer = await RecordWriter<IndexDocument>.CreateAsync(Path.Combine(folder, DedupIndex.DocumentsFile), RecordKind.Documents, 0, ct).ConfigureAwait(false);
        if (run.Previous is not null)
        {
            await using var old = await RecordReader<IndexDocument>.OpenAsync(run.Previous.PathOf(DedupIndex.DocumentsFile), RecordKind.Documents, ct).ConfigureAwait(false);
            while (await old.MoveNextAsync(ct).ConfigureAwait(false))
                await writer.WriteAsync(old.Current, ct).ConfigureAwait(false);
        }
        for (var doc = 0; doc < run.Docs.Count; doc++)
            if (run.Docs.IsAlive(doc))
                await writer.WriteAsync(new IndexDocument(run.Docs.Id(doc), run.Docs.Order(doc)), ct).ConfigureAwait(false);
        await writer.CompleteAsync(ct).ConfigureAwait(false);
        return writer.Count;
    }

    private static async Task<long> WriteSignaturesAsync(DedupRun run, string folder, int[] positions, CancellationToken ct)
    {
        var width = run.Options.HashCount;
        await using var writer = await RecordWriter<ulong>.CreateAsync(Path.Combine(folder, DedupIndex.SignaturesFile), RecordKind.Signatures, 0, ct, width, 1 << 20).ConfigureAwait(false);
        var signature = new ulong[width];
        if (run.Previous is not null)
        {
            await using var old = await RecordReader<ulong>.OpenAsync(run.Previous.PathOf(DedupIndex.SignaturesFile), RecordKind.Signatures, ct, 1 << 20, width).ConfigureAwait(false);
            while (await old.ReadAsync(signature, ct).ConfigureAwait(false))
                await writer.WriteAsync(signature, ct).ConfigureAwait(false);
        }
        await using var mine = await RecordReader<ulong>.OpenAsync(run.SignaturePath, RecordKind.Signatures, ct, 1 << 20, width).ConfigureAwait(false);
        for (var doc = 0; await mine.ReadAsync(signature, ct).ConfigureAwait(false); doc++)
            if (positions[doc] >= 0)
                await writer.WriteAsync(signature, ct).ConfigureAwait(false);
        await writer.CompleteAsync(ct).ConfigureAwait(false);
        return writer.Count;
    }

    private static async Task<long> MergeIntoAsync<T>(DedupRun run, string folder, string file, RecordKind kind, uint parameter, RecordStream<T> mine, CancellationToken ct, bool disposeInput = true)
        where T : unmanaged, IComparable<T>
    {
        var inputs = new List<RecordStream<T>>();
        if (run.Previous is not null)
            inputs.Add(await RecordReader<T>.OpenAsync(run.Previous.PathOf(file), kind, ct).ConfigureAwait(false));
        inputs.Add(mine);
        var merged = new MergeStream<T>(inputs);
        await using var writer = await RecordWriter<T>.CreateAsync(Path.Combine(folder, file), kind, parameter, ct).ConfigureAwait(false);
        while (await merged.MoveNextAsync(ct).ConfigureAwait(false))
            await writer.WriteAsync(merged.Current, ct).ConfigureAwait(false);
        await writer.CompleteAsync(ct).ConfigureAwait(false);
        if (run.Previous is not null)
            await inputs[0].DisposeAsync().ConfigureAwait(false);
        if (disposeInput)
            await mine.DisposeAsync().ConfigureAwait(false);
        return writer.Count;
    }

    private static async Task WriteManifestAsync(DedupRun run, string folder, long documents, SortedDictionary<string, long> counts, CancellationToken ct)
    {
        var path = Path.Combine(folder, DedupIndex.ManifestFile);
        await using (var stream = File.Create(path + ".tmp"))
        await using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", DedupIndex.FormatName);
            json.WriteNumber("version", DedupIndex.FormatVersion);
            foreach (var (name, value) in Settings(run.Options))
                json.WriteString(name, value);
            json.WriteNumber("documents", documents);
            json.WriteStartObject("files");
            foreach (var (file, count) in counts)
                json.WriteNumber(file, count);
            json.WriteEndObject();
            json.WriteEndObject();
            await json.FlushAsync(ct).ConfigureAwait(false);
        }
        File.Move(path + ".tmp", path);
    }
}
