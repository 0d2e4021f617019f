using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MusicPile.Abc;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Instruct;

/// <summary>
/// <c>musicpile run pipelines/sft.yaml</c> (stage type <c>instructions</c>): turns each ABC record into up to
/// <c>per_tune</c> MusicPile-sft records for ChatMusician's instruction tasks (<see cref="InstructionTasks"/>).
/// Tasks are tried in an order hashed from the seed and the record id, so a rerun writes the same records; a
/// candidate whose ABC does not parse cleanly is skipped and counted, and a tune that yields no task is rejected.
/// </summary>
public sealed class InstructionStage : IStage
{
    private static readonly JsonWriterOptions MetaJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Type OptionsType => typeof(InstructionOptions);

    public Task<int> PlanAsync(StagePlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var inputs = plan.Inputs.Count(i => i.Role == TaskOutputFile.Roles.Data);
        return Task.FromResult(plan.Stage.Tasks > 0 ? plan.Stage.Tasks : Math.Clamp(inputs, 1, Math.Max(1, plan.DefaultTasks)));
    }

    public async Task RunAsync(StageTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        var options = task.Options<InstructionOptions>();
        foreach (var input in task.MyInputs)
        {
            await foreach (var r in CorpusShardReader.ReadAsync(input.Path, ct).ConfigureAwait(false))
            {
                task.Counters.AddIn();
                if (r.Kind != CorpusRecord.Kinds.Abc)
                {
                    if (options.KeepOther)
                        await task.WriteAsync(r, ct).ConfigureAwait(false);
                    else
                        await task.RejectAsync(new RejectRecord(r.Src, r.SourceUri, $"record {r.Id}", "instructions-not-abc",
                            $"a {r.Kind} record, and keep_other is false", r.Text), ct).ConfigureAwait(false);
                    continue;
                }
                if (options.KeepSource)
                    await task.WriteAsync(r, ct).ConfigureAwait(false);
                await GenerateAsync(task, r, options, sourceKept: options.KeepSource, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes up to <c>per_tune</c> examples of <paramref name="r"/>. The counts add up per input record: with the
    /// source kept, every example is created in addition to it and a tune that yields none is noted, not rejected;
    /// without it, the first example stands for the record, the rest are created, and a tune that yields none is a reject.
    /// </summary>
    private static async Task GenerateAsync(StageTask task, CorpusRecord r, InstructionOptions options, bool sourceKept, CancellationToken ct)
    {
        var tune = AbcDocument.ParseTune(r.Text);
        if (tune is null || AbcValidator.IsFatal(AbcValidator.Validate(tune)))
        {
            await NoExamplesAsync(task, r, sourceKept, "instructions-bad-abc", "the tune does not parse cleanly", ct).ConfigureAwait(false);
            return;
        }
        var material = TuneMaterial.From(tune, options.BachSources.Contains(r.Src, StringComparer.Ordinal));
        if (material.Abc.Length > options.MaxAbcChars)
        {
            task.Counters.Count("skip:too-long");
            await NoExamplesAsync(task, r, sourceKept, "instructions-too-long",
                $"{material.Abc.Length} characters in corpus form, more than max_abc_chars {options.MaxAbcChars}", ct).ConfigureAwait(false);
            return;
        }
        var order = options.Tasks.Distinct(StringComparer.Ordinal).OrderBy(t => StableHash.Of(options.Seed, r.Id, t)).ToList();
        var written = 0;
        var reasons = new List<string>();
        foreach (var name in order)
        {
            if (written >= options.PerTune)
                break;
            var promptIndex = (int)(StableHash.Of(options.Seed, r.Id, name, "prompt") % 1_000_003);
            var (example, skip) = InstructionBuilder.Build(name, material, promptIndex);
            skip ??= example!.AbcTexts.Any(a => !ParsesCleanly(a)) ? "abc-fatal" : null;
            if (skip is not null)
            {
                task.Counters.Count($"skip:{name}:{skip}");
                reasons.Add($"{name}: {skip}");
                continue;
            }
            await task.WriteAsync(ToRecord(r, example!, options), ct).ConfigureAwait(false);
            if (sourceKept || written > 0)
                task.Counters.AddCreated();
            task.Counters.Count("task:" + name);
            written++;
        }
        if (written == 0)
            await NoExamplesAsync(task, r, sourceKept, "no-instruction-task", string.Join("; ", reasons), ct).ConfigureAwait(false);
    }

    /// <summary>A tune that yields no example: a reject when it is not kept as itself, else only a count of why.</summary>
    private static async Task NoExamplesAsync(StageTask task, CorpusRecord r, bool sourceKept, string reason, string detail, CancellationToken ct)
    {
        if (sourceKept)
            task.Counters.Count("no-examples:" + reason);
        else
            await task.RejectAsync(new RejectRecord(r.Src, r.SourceUri, $"record {r.Id}", reason, detail, r.Text), ct).ConfigureAwait(false);
    }

    private static bool ParsesCleanly(string abc) =>
        AbcDocument.ParseTune(abc) is { } t && !AbcValidator.IsFatal(AbcValidator.Validate(t));

    /// <summary>The MusicPile-sft record of an example generated from <paramref name="source"/>.</summary>
    public static CorpusRecord ToRecord(CorpusRecord source, InstructionExample example, InstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(options);
        var text = example.ChatText;
        return new CorpusRecord(StableHash.Id(source.Id, example.Task), text, source.Src + options.SrcSuffix, CorpusRecord.Kinds.Sft,
            ContentHash.Of(text), source.SourceUri, Meta(source, example));
    }

    private static string Meta(CorpusRecord source, InstructionExample e)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, MetaJson))
        {
            w.WriteStartObject();
            w.WriteString("instruction", e.Instruction);
            w.WriteString("input", e.Input);
            w.WriteString("output", e.Output);
            w.WriteString("task", e.Task);
            w.WriteNumber("source_id", source.Id);
            w.WriteString("source_src", source.Src);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
