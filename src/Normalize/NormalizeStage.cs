using MusicPile.Abc;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Normalize;

/// <summary>
/// <c>musicpile run pipelines/nightly.yaml</c> (stage type <c>normalize</c>): ABC into corpus form (optionally also
/// transposed into more keys), text cleaned and filtered for quality, chat and SFT records kept byte for byte.
/// </summary>
public sealed class NormalizeStage : IStage
{
    /// <summary>Semitone shifts used, in this order, when <c>transpose_keys</c> asks for extra copies of each tune.</summary>
    public static readonly IReadOnlyList<int> TranspositionOrder = [2, -2, 5, -5, 3, -3, 1, -1, 4, -4, 6];

    /// <summary>Meta key of a transposed copy: the semitones it was shifted by.</summary>
    public const string TransposedKey = "transposed";

    public Type OptionsType => typeof(NormalizeOptions);

    public Task<int> PlanAsync(StagePlan plan, CancellationToken ct)
    {
        var inputs = plan.Inputs.Count(i => i.Role == TaskOutputFile.Roles.Data);
        return Task.FromResult(plan.Stage.Tasks > 0 ? plan.Stage.Tasks : Math.Clamp(inputs, 1, Math.Max(1, plan.DefaultTasks)));
    }

    public async Task RunAsync(StageTask task, CancellationToken ct)
    {
        var options = task.Options<NormalizeOptions>();
        var (abcOptions, quality, transposeKeys) = (options.AbcOptions, options.Quality, options.TransposeKeys);
        foreach (var input in task.MyInputs)
        {
            await foreach (var r in CorpusShardReader.ReadAsync(input.Path, ct).ConfigureAwait(false))
            {
                task.Counters.AddIn();
                switch (r.Kind)
                {
                    case CorpusRecord.Kinds.Abc:
                        await NormalizeAbcAsync(task, r, abcOptions, transposeKeys, ct).ConfigureAwait(false);
                        break;
                    case CorpusRecord.Kinds.Text:
                        var clean = TextCleaner.Clean(r.Text);
                        var verdict = TextQualityFilter.Check(clean, quality);
                        if (verdict is { } v)
                            await task.RejectAsync(new RejectRecord(r.Src, r.SourceUri, "record", v.Reason, v.Detail, r.Text), ct).ConfigureAwait(false);
                        else
                            await task.WriteAsync(r with { Text = clean, Sha256 = ContentHash.Of(clean) }, ct).ConfigureAwait(false);
                        break;
                    default:
                        // Chat and SFT records are MusicPile's training format already: kept byte for byte.
                        await task.WriteAsync(r, ct).ConfigureAwait(false);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// Parses the tune once, writes its corpus form (and transposed copies) with the <see cref="TuneFacts"/> of each
    /// written text in its meta, so that dedup need not parse it again.
    /// </summary>
    private static async Task NormalizeAbcAsync(StageTask task, CorpusRecord r, AbcNormalizerOptions options, int transposeKeys, CancellationToken ct)
    {
        var tune = AbcDocument.ParseTune(r.Text);
        if (tune is null)
        {
            await task.RejectAsync(new RejectRecord(r.Src, r.SourceUri, "record", "abc-no-tune", "no tune found", r.Text), ct).ConfigureAwait(false);
            return;
        }
        var normalized = AbcNormalizer.Normalize(tune, options);
        var digest = TuneDigest.Of(normalized.Tune);
        if (digest.FirstFatal is { } fatal)
        {
            await task.RejectAsync(new RejectRecord(r.Src, r.SourceUri, $"line {fatal.Line}:{fatal.Column}", "abc-" + fatal.Code,
                "after normalisation: " + fatal.Message, r.Text), ct).ConfigureAwait(false);
            return;
        }
        foreach (var (repair, n) in normalized.Repairs)
            task.Counters.Count("repair:" + repair, n);
        await task.WriteAsync(r with { Text = normalized.Text, Sha256 = ContentHash.Of(normalized.Text), Meta = FactsOf(digest).WriteInto(r.Meta) }, ct).ConfigureAwait(false);
        for (var k = 0; k < transposeKeys; k++)
        {
            var shift = TranspositionOrder[k];
            var copy = AbcNormalizer.Normalize(tune, options with { Transpose = shift });
            var id = (r.Id ^ (0x5bd1e995L * (k + 1))) & long.MaxValue;
            task.Counters.AddCreated();
            var meta = RecordMeta.With(r.Meta, [new(TransposedKey, shift), .. FactsOf(TuneDigest.Of(copy.Tune)).Properties]);
            await task.WriteAsync(r with { Id = id, Text = copy.Text, Sha256 = ContentHash.Of(copy.Text), Meta = meta }, ct).ConfigureAwait(false);
        }
    }

    private static TuneFacts FactsOf(TuneDigest digest) => new(digest.MelodyFingerprint, digest.Warnings);
}
