namespace MusicPile.Serve.Sampling;

/// <summary>
/// Picks tokens from CPU logits with a private seeded generator, so a request with a seed is reproducible no matter what
/// else the process runs. Order as in Hugging Face: repetition penalty, temperature, top-k, top-p.
/// </summary>
internal sealed class TokenSampler(SamplingParameters parameters, long seed)
{
    private readonly Random _random = new(unchecked((int)(seed ^ (seed >> 32))));
    private (int Id, double Logit)[] _candidates = [];

    /// <summary>
    /// The next token among ids below <paramref name="vocabSize"/> that <paramref name="allowed"/> (when given) permits,
    /// or -1 when none is permitted.
    /// </summary>
    public int Next(float[] logits, int vocabSize, IReadOnlySet<int> seen, Func<int, bool>? allowed = null)
    {
        var size = Math.Min(vocabSize, logits.Length);
        if (_candidates.Length < size) _candidates = new (int, double)[size];
        var count = 0;
        for (var id = 0; id < size; id++)
        {
            if (allowed is not null && !allowed(id)) continue;
            double logit = logits[id];
            if (double.IsNaN(logit)) continue;
            if (parameters.RepetitionPenalty != 1.0 && seen.Contains(id))
                logit = logit > 0 ? logit / parameters.RepetitionPenalty : logit * parameters.RepetitionPenalty;
            _candidates[count++] = (id, logit);
        }
        if (count == 0) return -1;
        var span = _candidates.AsSpan(0, count);
        if (parameters.Temperature == 0)
        {
            var best = 0;
            for (var i = 1; i < span.Length; i++)
                if (span[i].Logit > span[best].Logit) best = i;
            return span[best].Id;
        }
        span.Sort(static (a, b) => b.Logit != a.Logit ? b.Logit.CompareTo(a.Logit) : a.Id.CompareTo(b.Id));
        if (parameters.TopK > 0 && parameters.TopK < span.Length)
            span = span[..parameters.TopK];
        var max = span[0].Logit;
        var weights = new double[span.Length];
        double total = 0;
        for (var i = 0; i < span.Length; i++)
        {
            weights[i] = Math.Exp((span[i].Logit - max) / parameters.Temperature);
            total += weights[i];
        }
        var kept = span.Length;
        if (parameters.TopP < 1)
        {
            double cumulative = 0;
            for (var i = 0; i < span.Length; i++)
            {
                cumulative += weights[i] / total;
                if (cumulative >= parameters.TopP)
                {
                    kept = i + 1;
                    break;
                }
            }
            total = 0;
            for (var i = 0; i < kept; i++) total += weights[i];
        }
        var draw = _random.NextDouble() * total;
        for (var i = 0; i < kept; i++)
        {
            draw -= weights[i];
            if (draw <= 0) return span[i].Id;
        }
        return span[kept - 1].Id;
    }
}
