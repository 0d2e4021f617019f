using MusicPile.Core.Text;
using System.Text;
using MusicPile.Instruct;

namespace MusicPile.Eval;

/// <summary>
/// Scores a model on MusicTheoryBench by perplexity, as ChatMusician does: for each option letter X the text
/// <c>{instruction}\n{stem}\n{abc_score}\nA. ..\nB. ..\nC. ..\nD. ..\nAnswer: X</c> is scored and the letter with the
/// lowest negative log-likelihood wins (the prompt is shared, so that is also the lowest perplexity). Empty
/// instruction or score lines are left out. The model is a caller-supplied function of the prompt (ending in
/// <c>Answer:</c>) and the continuation (<c> X</c>) returning the continuation's negative log-likelihood.
/// </summary>
public static class MusicTheoryBench
{
    /// <summary>Scores the questions of the chosen split.</summary>
    public static MusicTheoryBenchReport Evaluate(
        IReadOnlyList<MusicTheoryBenchItem> items, Func<string, string, double> negativeLogLikelihood, MusicTheoryBenchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(negativeLogLikelihood);
        var o = (options ?? MusicTheoryBenchOptions.Default).Validate();
        var chosen = items.Where(i => o.Split is null || string.Equals(i.Split, o.Split, StringComparison.OrdinalIgnoreCase)).ToList();
        var perShuffle = new int[o.Shuffles];
        var results = new List<(string, string, int)>(chosen.Count);
        foreach (var item in chosen)
        {
            var correct = 0;
            for (var k = 0; k < o.Shuffles; k++)
            {
                var shuffled = Shuffle(item, k, o.Seed);
                if (Choose(shuffled, negativeLogLikelihood) == shuffled.Answer)
                {
                    correct++;
                    perShuffle[k]++;
                }
            }
            results.Add((item.Id, item.Category, correct));
        }
        var total = chosen.Count * o.Shuffles;
        var byCategory = results.GroupBy(r => r.Item2, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (g.Count(), (double)g.Sum(r => r.Item3) / (g.Count() * o.Shuffles)), StringComparer.Ordinal);
        return new MusicTheoryBenchReport(chosen.Count, o.Shuffles, total == 0 ? 0 : (double)results.Sum(r => r.Item3) / total,
            byCategory, perShuffle.Select(c => chosen.Count == 0 ? 0 : (double)c / chosen.Count).ToList(), results);
    }

    /// <summary>The letter whose continuation scores lowest; the earliest letter on a tie.</summary>
    public static char Choose(MusicTheoryBenchItem item, Func<string, string, double> negativeLogLikelihood)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(negativeLogLikelihood);
        var prompt = BuildPrompt(item);
        var best = ' ';
        var bestScore = double.PositiveInfinity;
        foreach (var letter in item.Options.Keys.Order())
        {
            var score = negativeLogLikelihood(prompt, " " + letter);
            if (best == ' ' || score < bestScore)
                (best, bestScore) = (letter, score);
        }
        return best;
    }

    /// <summary>The scoring prompt, up to and including <c>Answer:</c>.</summary>
    public static string BuildPrompt(MusicTheoryBenchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var sb = new StringBuilder();
        foreach (var part in new[] { item.Instruction, item.Stem, item.AbcScore })
        {
            if (part.Trim().Length > 0)
                sb.Append(part.TrimEnd()).Append('\n');
        }
        foreach (var letter in item.Options.Keys.Order())
            sb.Append(letter).Append(". ").Append(item.Options[letter]).Append('\n');
        return sb.Append("Answer:").ToString();
    }

    /// <summary>The question with its options reordered by shuffle <paramref name="k"/>; shuffle 0 is the published order.</summary>
    public static MusicTheoryBenchItem Shuffle(MusicTheoryBenchItem item, int k, long seed)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (k == 0)
            return item;
        var letters = item.Options.Keys.Order().ToList();
        var texts = letters.Select(l => item.Options[l]).ToList();
        var order = Enumerable.Range(0, letters.Count).OrderBy(i => StableHash.Of(seed, item.Id, k, i)).ToList();
        var options = new SortedDictionary<char, string>();
        var answer = item.Answer;
        for (var slot = 0; slot < letters.Count; slot++)
        {
            options[letters[slot]] = texts[order[slot]];
            if (letters[order[slot]] == item.Answer)
                answer = letters[slot];
        }
        return item with { Options = options, Answer = answer };
    }
}
