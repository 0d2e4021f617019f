using System.Globalization;
using System.Text.Json;
using MusicPile.Eval;

namespace MusicPile.Eval.Tests;

public sealed class MusicTheoryBenchTests(ITestOutputHelper output)
{
    /// <summary>400 questions: 300 marked knowledge by a category field, 100 reasoning known only from the subject, 5 dev.</summary>
    private static string WriteItems(bool jsonLines)
    {
        var rows = new List<Dictionary<string, object>>();
        for (var i = 0; i < 405; i++)
        {
            var row = new Dictionary<string, object>
            {
                ["id"] = $"q{i}",
                ["instruction"] = "Read the following question, then choose the right answer.",
                ["stem"] = $"Question {i}: which interval is number {i % 7}?",
                ["options"] = new Dictionary<string, string> { ["A"] = $"first {i}", ["B"] = $"second {i}", ["C"] = $"third {i}", ["D"] = $"fourth {i}" },
                ["answer"] = "ABCD"[i % 4].ToString(),
                ["split"] = i < 5 ? "dev" : "test",
                ["abc_score"] = i % 3 == 0 ? "X:1\nL:1/4\nM:4/4\nK:C\nCDEF|\n" : "",
                ["analysis"] = "",
            };
            if (i % 4 == 3)
                row["subject"] = "music reasoning";
            else
            {
                row["subject"] = "harmony";
                row["category"] = "knowledge";
            }
            rows.Add(row);
        }
        var path = Path.Combine(TestPaths.NewTempDir("mtb"), jsonLines ? "bench.jsonl" : "bench.json");
        File.WriteAllText(path, jsonLines ? string.Join("\n", rows.Select(r => JsonSerializer.Serialize(r))) : JsonSerializer.Serialize(rows));
        return path;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Both_layouts_load_with_categories(bool jsonLines)
    {
        var items = await MusicTheoryBenchLoader.LoadAsync(WriteItems(jsonLines), CancellationToken.None);
        Assert.Equal(405, items.Count);
        Assert.Equal(5, items.Count(i => i.Split == "dev"));
        Assert.Equal(101, items.Count(i => i.Category == "reasoning"));
        Assert.Equal(304, items.Count(i => i.Category == "knowledge"));
        Assert.Equal('D', items[3].Answer);
    }

    [Fact]
    public void The_prompt_has_the_published_shape()
    {
        var item = new MusicTheoryBenchItem("1", "Choose.", "What is a fifth?", new Dictionary<char, string> { ['A'] = "C-G", ['B'] = "C-E", ['C'] = "C-D", ['D'] = "C-F" },
            "music knowledge", 'A', "test", "X:1\nK:C\nCG|", "", "knowledge");
        Assert.Equal("Choose.\nWhat is a fifth?\nX:1\nK:C\nCG|\nA. C-G\nB. C-E\nC. C-D\nD. C-F\nAnswer:", MusicTheoryBench.BuildPrompt(item));
        var shuffled = Enumerable.Range(0, 5).Select(k => MusicTheoryBench.Shuffle(item, k, 1)).ToList();
        Assert.All(shuffled, s => Assert.Equal("C-G", s.Options[s.Answer]));
        Assert.True(shuffled.Select(s => string.Join("|", s.Options.Values)).Distinct().Count() > 1);
        Assert.Equal(shuffled.Select(s => s.Answer), Enumerable.Range(0, 5).Select(k => MusicTheoryBench.Shuffle(item, k, 1).Answer));
    }

    [Fact]
    public async Task A_model_that_knows_the_answers_scores_one_and_a_random_one_a_quarter()
    {
        var items = await MusicTheoryBenchLoader.LoadAsync(WriteItems(true), CancellationToken.None);
        var correctText = items.ToDictionary(i => i.Stem, i => i.Options[i.Answer]);

        double Oracle(string prompt, string continuation)
        {
            var lines = prompt.Split('\n');
            var stem = lines.First(l => l.StartsWith("Question ", StringComparison.Ordinal));
            var optionLine = lines.First(l => l.StartsWith(continuation.Trim() + ". ", StringComparison.Ordinal));
            return optionLine[3..] == correctText[stem] ? 0.1 : 5.0;
        }

        var oracle = MusicTheoryBench.Evaluate(items, Oracle);
        Assert.Equal(400, oracle.Items);
        Assert.Equal(1.0, oracle.Accuracy);
        Assert.Equal(1.0, oracle.KnowledgeAccuracy);
        Assert.Equal(1.0, oracle.ReasoningAccuracy);
        Assert.Equal(100, oracle.ByCategory["reasoning"].Items);

        var random = new Random(12345);
        var guess = MusicTheoryBench.Evaluate(items, (_, _) => random.NextDouble());
        Assert.InRange(guess.Accuracy, 0.2, 0.3);
        Assert.InRange(guess.KnowledgeAccuracy!.Value, 0.18, 0.32);
        Assert.InRange(guess.ReasoningAccuracy!.Value, 0.15, 0.35);
        Assert.Equal(5, guess.PerShuffle.Count);

        // Always answering A: right exactly where the (shuffled) answer is A.
        var alwaysA = MusicTheoryBench.Evaluate(items, (_, c) => c == " A" ? 0 : 1);
        Assert.InRange(alwaysA.Accuracy, 0.15, 0.35);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"oracle {oracle.Accuracy:F3}; random {guess.Accuracy:F3} (knowledge {guess.KnowledgeAccuracy:F3}, reasoning {guess.ReasoningAccuracy:F3}); always-A {alwaysA.Accuracy:F3}"));
    }
}
