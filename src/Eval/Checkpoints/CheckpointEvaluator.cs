using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Eval;
using MusicPile.Serve;
using MusicPile.Tokenize;
using MusicPile.Train;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MusicPile.Eval.Checkpoints;

/// <summary>
/// <c>musicpile eval --checkpoint DIR</c>: validation perplexity per source on the checkpoint's snapshot, generation
/// metrics over prompts served through the real HTTP API, and MusicTheoryBench when a file of its items is given.
/// </summary>
public sealed class CheckpointEvaluator(MusicPileHome home, NpgsqlDataSource? db, TextWriter log)
{
    private static readonly (string Key, string Meter)[] Prompts =
        [("D", "6/8"), ("G", "4/4"), ("Am", "3/4"), ("Em", "2/4"), ("C", "4/4"), ("F", "3/4"), ("Dmix", "4/4"), ("Gm", "6/8")];

    public sealed record Options(int Prompts, int DocsPerSource, int MaxTokens, bool Constrained, string? MusicTheoryBench);

    public async Task<Dictionary<string, object?>> RunAsync(string checkpointDir, Options o, CancellationToken ct)
    {
        var metadata = CheckpointMetadata.Load(checkpointDir);
        var snapshot = metadata?.Snapshot;
        var results = new Dictionary<string, object?> { ["checkpoint"] = Path.GetFullPath(checkpointDir), ["snapshot"] = snapshot };
        using (var checkpoint = await CheckpointLoader.LoadAsync(checkpointDir, ComputeDevice.Auto, Path.Combine(home.Root, "tokenizers"), ct).ConfigureAwait(false))
        {
            var scorer = new ModelScorer(checkpoint);
            var validationFraction = db is not null && snapshot is not null
                ? await ValidationFractionAsync(checkpointDir, metadata?.Export, ct).ConfigureAwait(false)
                : null;
            results["perplexity"] = validationFraction is { } fraction
                ? await PerplexityAsync(scorer, snapshot!, fraction, o.DocsPerSource, ct).ConfigureAwait(false)
                : new Dictionary<string, double>();
            if (o.MusicTheoryBench is not null)
            {
                var items = await MusicTheoryBenchLoader.LoadAsync(o.MusicTheoryBench, ct).ConfigureAwait(false);
                var report = MusicTheoryBench.Evaluate(items, scorer.Continuation);
                results["music_theory_bench"] = new
                {
                    items = report.Items, shuffles = report.Shuffles, accuracy = report.Accuracy,
                    knowledge = report.KnowledgeAccuracy, reasoning = report.ReasoningAccuracy,
                };
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MusicTheoryBench: {report.Items} items, accuracy {report.Accuracy:P1} (knowledge {report.KnowledgeAccuracy:P1}, reasoning {report.ReasoningAccuracy:P1})"));
            }
            else
            {
                results["music_theory_bench"] = null;
            }
        }
        results["generation"] = await GenerationAsync(checkpointDir, o, ct).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// The validation share of the run that wrote the checkpoint, from its config in the catalog (or, for runs recorded
    /// without it, from the manifest of the export it trained on); null, with a line in the log, when neither is found.
    /// </summary>
    private async Task<double?> ValidationFractionAsync(string checkpointDir, string? exportInMetadata, CancellationToken ct)
    {
        var run = await TrainCatalog.RunOfCheckpointAsync(db!, Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpointDir)), ct).ConfigureAwait(false);
        if (run is not null)
        {
            using var config = JsonDocument.Parse(run.Config);
            if (config.RootElement.TryGetProperty("validation_fraction", out var f) && f.TryGetDouble(out var fraction))
                return fraction;
        }
        if ((run?.ExportId ?? exportInMetadata) is { } exportId
            && await SnapshotExporter.GetAsync(db!, exportId, ct).ConfigureAwait(false) is { } export
            && File.Exists(Path.Combine(export.OutDir, ExportManifest.FileName)))
            return (await ExportManifest.ReadAsync(Path.Combine(export.OutDir, ExportManifest.FileName), ct).ConfigureAwait(false)).ValidationFraction;
        log.WriteLine($"perplexity skipped: no training run or export in the catalog says which documents {checkpointDir} was validated on");
        return null;
    }

    private async Task<Dictionary<string, double>> PerplexityAsync(ModelScorer scorer, string snapshot, double validationFraction, int perSource, CancellationToken ct)
    {
        var bySource = new Dictionary<string, (double Nll, long Tokens, int Docs)>(StringComparer.Ordinal);
        foreach (var f in await SnapshotCatalog.FilesAsync(db!, snapshot, ct).ConfigureAwait(false))
        {
            await foreach (var r in CorpusShardReader.ReadAsync(Path.Combine(home.SnapshotsDir, snapshot, f.Path), ct).ConfigureAwait(false))
            {
                // The validation split of the run's export: the same hash rule, so these documents were not trained on.
                if (!DocumentSampling.IsValidation(r.Sha256, validationFraction))
                    continue;
                var acc = bySource.GetValueOrDefault(r.Src);
                if (acc.Docs >= perSource)
                    continue;
                var (nll, tokens) = scorer.Score(r.Text);
                bySource[r.Src] = (acc.Nll + nll, acc.Tokens + tokens, acc.Docs + 1);
            }
        }
        var ppl = bySource.Where(kv => kv.Value.Tokens > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => Math.Round(Math.Exp(kv.Value.Nll / kv.Value.Tokens), 3));
        foreach (var (src, p) in ppl)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"perplexity {src}: {p:F2} ({bySource[src].Docs} documents, {bySource[src].Tokens:N0} tokens)"));
        return ppl;
    }

    private async Task<object> GenerationAsync(string checkpointDir, Options o, CancellationToken ct)
    {
        var port = FreePort();
        var app = ServeApp.Build(new ServeOptions { CheckpointDirectory = checkpointDir, Urls = $"http://127.0.0.1:{port}", TokenizerCacheDirectory = Path.Combine(home.Root, "tokenizers") },
            b => b.Logging.ClearProviders().AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(ct).ConfigureAwait(false);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            for (var i = 0; i < 600 && (await http.GetAsync("/health", ct).ConfigureAwait(false)).StatusCode != System.Net.HttpStatusCode.OK; i++)
                await Task.Delay(100, ct).ConfigureAwait(false);
            var samples = new List<GenerationSample>();
            for (var i = 0; i < o.Prompts; i++)
            {
                var (key, meter) = Prompts[i % Prompts.Length];
                var prompt = $"Compose a folk tune.\nKey: {key}\nMeter: {meter}";
                var response = await http.PostAsJsonAsync("/v1/chat/completions", new
                {
                    messages = new[] { new { role = "user", content = prompt } },
                    max_tokens = o.MaxTokens, preset = "chatmusician", seed = i + 1, abc_constrained = o.Constrained,
                }, ct).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
                var text = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
                samples.Add(GenerationSample.FromPrompt(prompt, text.EndsWith('\n') ? text : text + "\n"));
            }
            var m = GenerationMetrics.Compute(samples);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generation: {m.Samples} prompts, parse rate {m.ParseRate:P1}, bar-duration consistency {m.BarConsistencyRate:P1}, repeat signs {m.RepeatRate:P1}, key followed {m.KeyFollowRate:P1}, meter followed {m.MeterFollowRate:P1}"));
            return new
            {
                prompts = m.Samples, constrained = o.Constrained, extracted = m.Extracted, parse_rate = m.ParseRate, bar_duration_rate = m.BarConsistencyRate,
                repeat_sign_rate = m.RepeatRate, key_follow_rate = m.KeyFollowRate, meter_follow_rate = m.MeterFollowRate,
            };
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
