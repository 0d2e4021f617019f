using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusicPile.Core.Text;

namespace MusicPile.Samples;

/// <summary>
/// Documents of MusicPile's text kinds from the shared text: general text and music text are sentences of the shared
/// books and captions recombined; math and code are made from templates. Music text, math and code are partly in the
/// chat form <c>Human: … &lt;/s&gt; Assistant: … &lt;/s&gt;</c> like MusicPile's non-general records.
/// </summary>
internal sealed partial class TextComposer
{
    private static readonly string[] MusicQuestions =
    [
        "Describe the music.", "What does this piece sound like?", "Explain the following idea from music theory.",
        "How would you teach this to a beginner?", "Summarise this passage about music.", "What is the role of harmony here?",
    ];

    private static readonly string[] Names = ["total", "count", "width", "notes", "tempo", "bars", "pitch", "score", "index", "offset"];

    private readonly string[] _general;
    private readonly string[] _music;

    private TextComposer(string[] general, string[] music)
    {
        _general = general;
        _music = music;
    }

    public static TextComposer Load(string textDir)
    {
        var general = new List<string>();
        var music = new List<string>();
        foreach (var file in Directory.EnumerateFiles(textDir, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var target = file.Contains("gutenberg-general", StringComparison.Ordinal) ? general : music;
            foreach (var line in File.ReadLines(file))
            {
                string? text;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    text = doc.RootElement.TryGetProperty("text", out var t) ? t.GetString() : null;
                }
                catch (JsonException)
                {
                    continue;
                }
                if (text is not null)
                    target.AddRange(Sentences(text));
            }
        }
        if (general.Count == 0)
            general.AddRange(music);
        return new TextComposer([.. general], [.. music]);
    }

    public string General(Random rng) => Paragraphs(_general, rng, 600 + rng.Next(4200));

    public string Music(Random rng)
    {
        var body = Paragraphs(_music, rng, 200 + rng.Next(1400));
        return rng.Next(5) < 2 ? ChatTemplate.Round(MusicQuestions[rng.Next(MusicQuestions.Length)], body) : body;
    }

    public static string Math(Random rng)
    {
        var sb = new StringBuilder();
        var steps = 2 + rng.Next(6);
        var a = rng.Next(2, 500);
        var b = rng.Next(2, 60);
        long total = 0;
        for (var i = 1; i <= steps; i++)
        {
            total += (long)a * b;
            sb.Append(CultureInfo.InvariantCulture, $"After night {i} the band has played {a} x {b} more bars, {total} in all. ");
        }
        sb.Append(CultureInfo.InvariantCulture, $"So the answer is {total} bars, which is {a} bars per set.");
        var question = string.Create(CultureInfo.InvariantCulture,
            $"A band plays {a} bars per set and {b} sets a night. How many bars is that over {steps} nights, and how much is it per set on average?");
        return ChatTemplate.Round(question, sb.ToString());
    }

    public static string Code(Random rng)
    {
        var sb = new StringBuilder("Here is one.\n\n");
        var functions = 1 + rng.Next(4);
        for (var f = 0; f < functions; f++)
        {
            var name = Names[rng.Next(Names.Length)] + "_" + Names[rng.Next(Names.Length)];
            var k = rng.Next(2, 16);
            sb.Append(CultureInfo.InvariantCulture, $"def {name}(durations, factor={k}):\n");
            sb.Append("    \"\"\"Scale each duration and return the sum of the result.\"\"\"\n");
            sb.Append("    result = []\n    for d in durations:\n");
            sb.Append(CultureInfo.InvariantCulture, $"        result.append(d * factor + {rng.Next(100)})\n");
            sb.Append("    return sum(result)\n\n");
        }
        sb.Append("Each function walks the list once, so it runs in linear time.");
        return ChatTemplate.Round("Write a small Python function that works on a list of note durations.", sb.ToString());
    }

    private static string Paragraphs(string[] pool, Random rng, int length)
    {
        var sb = new StringBuilder(length + 200);
        var inParagraph = 0;
        while (sb.Length < length)
        {
            sb.Append(pool[rng.Next(pool.Length)]);
            if (++inParagraph >= 3 + rng.Next(5))
            {
                sb.Append("\n\n");
                inParagraph = 0;
            }
            else
            {
                sb.Append(' ');
            }
        }
        return sb.ToString().Trim();
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(WhiteSpace().Replace(text, " ")).Select(s => s.Trim()).Where(s => s.Length is >= 20 and <= 600);

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
