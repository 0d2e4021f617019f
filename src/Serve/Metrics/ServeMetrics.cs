using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace MusicPile.Serve.Metrics;

/// <summary>Counters and histograms of one serving process, written in the Prometheus text format.</summary>
internal sealed class ServeMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly ConcurrentDictionary<(string Endpoint, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _finishes = new(StringComparer.Ordinal);
    private long _generatedTokens;
    private long _promptTokens;

    /// <summary>Reads the queue depth, running generations and readiness when metrics are written.</summary>
    public Func<(int Waiting, int Running, bool Ready)> Gauges { get; set; } = () => (0, 0, false);

    public void RecordRequest(string endpoint, int status, double seconds)
    {
        _requests.AddOrUpdate((endpoint, status), 1, static (_, n) => n + 1);
        _latency.GetOrAdd(endpoint, static _ => new Histogram(Buckets.Length)).Observe(seconds, Buckets);
    }

    public void RecordGeneration(int promptTokens, int generatedTokens, string finishReason)
    {
        Interlocked.Add(ref _promptTokens, promptTokens);
        Interlocked.Add(ref _generatedTokens, generatedTokens);
        _finishes.AddOrUpdate(finishReason, 1, static (_, n) => n + 1);
    }

    public long GeneratedTokens => Interlocked.Read(ref _generatedTokens);

    /// <summary>The Prometheus text exposition (format 0.0.4).</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append("# HELP musicpile_http_requests_total HTTP requests by endpoint and status.\n# TYPE musicpile_http_requests_total counter\n");
        foreach (var ((endpoint, status), n) in _requests.OrderBy(p => p.Key.Endpoint, StringComparer.Ordinal).ThenBy(p => p.Key.Status))
            sb.Append(inv, $"musicpile_http_requests_total{{endpoint=\"{Escape(endpoint)}\",status=\"{status}\"}} {n}\n");
        sb.Append("# HELP musicpile_http_request_duration_seconds Request latency by endpoint (for streams, until the last byte).\n# TYPE musicpile_http_request_duration_seconds histogram\n");
        foreach (var (endpoint, h) in _latency.OrderBy(p => p.Key, StringComparer.Ordinal))
            h.Write(sb, "musicpile_http_request_duration_seconds", $"endpoint=\"{Escape(endpoint)}\"", Buckets);
        sb.Append("# HELP musicpile_generated_tokens_total Tokens generated.\n# TYPE musicpile_generated_tokens_total counter\n");
        sb.Append(inv, $"musicpile_generated_tokens_total {GeneratedTokens}\n");
        sb.Append("# HELP musicpile_prompt_tokens_total Prompt tokens processed.\n# TYPE musicpile_prompt_tokens_total counter\n");
        sb.Append(inv, $"musicpile_prompt_tokens_total {Interlocked.Read(ref _promptTokens)}\n");
        sb.Append("# HELP musicpile_generations_total Finished generations by finish reason.\n# TYPE musicpile_generations_total counter\n");
        foreach (var (reason, n) in _finishes.OrderBy(p => p.Key, StringComparer.Ordinal))
            sb.Append(inv, $"musicpile_generations_total{{finish_reason=\"{Escape(reason)}\"}} {n}\n");
        var (waiting, running, ready) = Gauges();
        sb.Append("# HELP musicpile_queue_depth Requests waiting for a generation slot.\n# TYPE musicpile_queue_depth gauge\n");
        sb.Append(inv, $"musicpile_queue_depth {waiting}\n");
        sb.Append("# HELP musicpile_running_generations Generations running now.\n# TYPE musicpile_running_generations gauge\n");
        sb.Append(inv, $"musicpile_running_generations {running}\n");
        sb.Append("# HELP musicpile_model_ready 1 when the model is loaded.\n# TYPE musicpile_model_ready gauge\n");
        sb.Append(inv, $"musicpile_model_ready {(ready ? 1 : 0)}\n");
        return sb.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Histogram(int buckets)
    {
        private readonly long[] _counts = new long[buckets];
        private long _count;
        private double _sum;
        private readonly Lock _gate = new();

        public void Observe(double value, double[] bounds)
        {
            lock (_gate)
            {
                for (var i = 0; i < bounds.Length; i++)
                    if (value <= bounds[i]) _counts[i]++;
                _count++;
                _sum += value;
            }
        }

        public void Write(StringBuilder sb, string name, string labels, double[] bounds)
        {
            var inv = CultureInfo.InvariantCulture;
            lock (_gate)
            {
                for (var i = 0; i < bounds.Length; i++)
                    sb.Append(inv, $"{name}_bucket{{{labels},le=\"{bounds[i].ToString(inv)}\"}} {_counts[i]}\n");
                sb.Append(inv, $"{name}_bucket{{{labels},le=\"+Inf\"}} {_count}\n");
                sb.Append(inv, $"{name}_sum{{{labels}}} {_sum.ToString("R", inv)}\n");
                sb.Append(inv, $"{name}_count{{{labels}}} {_count}\n");
            }
        }
    }
}
