using System.Text;
using MusicPile.Abc;

namespace AbcBench;

/// <summary>
/// Deterministic fuzz inputs: case N depends only on the seed, N and the corpus, so any case can be regenerated alone.
/// Most cases mutate real tunes; the rest are random bytes, deep nesting and extreme numbers.
/// </summary>
internal sealed class FuzzCaseGenerator(IReadOnlyList<string> tunes, int seed)
{
    private const string MetaCharacters = "[]{}()!\"|:^_=,'/<>~";
    private const string AbcAlphabet = "ABCDEFGabcdefgzxZ0123456789 \n|:[]{}()!\"^_=,'/<>~-.%\\&+*#$KLMQVXT";

    private static readonly string[] Kinds =
        ["byte-flip", "delete", "duplicate", "splice", "meta-insert", "stacked", "random-bytes", "deep-nesting", "extreme-numbers"];

    // Out of 100: mutations of real tunes dominate.
    private static readonly int[] Weights = [14, 12, 12, 12, 20, 12, 7, 6, 5];

    public FuzzCase Create(int number)
    {
        var random = new Random(CaseSeed(seed, number));
        var roll = random.Next(100);
        var k = 0;
        for (var acc = Weights[0]; roll >= acc; acc += Weights[++k])
        {
        }
        var kind = Kinds[k];
        var text = kind switch
        {
            "byte-flip" => ByteFlip(random, Pick(random)),
            "delete" => Delete(random, Pick(random)),
            "duplicate" => Duplicate(random, Pick(random)),
            "splice" => Splice(random, Pick(random), Pick(random)),
            "meta-insert" => MetaInsert(random, Pick(random)),
            "stacked" => Stacked(random),
            "random-bytes" => RandomBytes(random),
            "deep-nesting" => DeepNesting(random),
            _ => ExtremeNumbers(random),
        };
        return new FuzzCase(number, kind, text);
    }

    /// <summary>SplitMix64 of (seed, number): stable across processes, unlike <see cref="HashCode"/>.</summary>
    internal static int CaseSeed(int seed, int number)
    {
        var z = unchecked((ulong)(uint)seed << 32 | (uint)number) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private string Pick(Random random) => tunes[random.Next(tunes.Count)];

    private static string ByteFlip(Random random, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0)
            return text;
        var flips = 1 + random.Next(16);
        for (var i = 0; i < flips; i++)
        {
            var at = random.Next(bytes.Length);
            bytes[at] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(bytes[at] ^ (1 << random.Next(8)));
        }
        return AbcText.Decode(bytes).Text;
    }

    private static string Delete(Random random, string text)
    {
        var sb = new StringBuilder(text);
        var spans = 1 + random.Next(8);
        for (var i = 0; i < spans && sb.Length > 0; i++)
        {
            var at = random.Next(sb.Length);
            sb.Remove(at, Math.Min(sb.Length - at, 1 + random.Next(random.Next(4) == 0 ? 200 : 16)));
        }
        return sb.ToString();
    }

    private static string Duplicate(Random random, string text)
    {
        var sb = new StringBuilder(text);
        var copies = 1 + random.Next(4);
        for (var i = 0; i < copies && sb.Length > 0; i++)
        {
            var at = random.Next(sb.Length);
            var span = sb.ToString(at, Math.Min(sb.Length - at, 1 + random.Next(400)));
            var times = random.Next(5) == 0 ? 1 + random.Next(50) : 1;
            var into = random.Next(sb.Length + 1);
            for (var t = 0; t < times; t++)
                sb.Insert(into, span);
        }
        return sb.ToString();
    }

    private static string Splice(Random random, string a, string b)
    {
        if (random.Next(2) == 0)
            return string.Concat(a.AsSpan(0, random.Next(a.Length + 1)), b.AsSpan(random.Next(b.Length + 1)));
        var left = a.Split('\n');
        var right = b.Split('\n');
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var from = random.Next(2) == 0 ? left : right;
            if (i < from.Length)
                lines.Add(from[i]);
        }
        return string.Join('\n', lines);
    }

    private static string MetaInsert(Random random, string text)
    {
        var sb = new StringBuilder(text);
        var inserts = 1 + random.Next(64);
        for (var i = 0; i < inserts; i++)
        {
            var c = MetaCharacters[random.Next(MetaCharacters.Length)];
            var run = random.Next(8) == 0 ? 1 + random.Next(32) : 1;
            sb.Insert(random.Next(sb.Length + 1), new string(c, run));
        }
        return sb.ToString();
    }

    private string Stacked(Random random)
    {
        var text = Pick(random);
        var steps = 2 + random.Next(4);
        for (var i = 0; i < steps; i++)
        {
            text = random.Next(5) switch
            {
                0 => ByteFlip(random, text),
                1 => Delete(random, text),
                2 => Duplicate(random, text),
                3 => Splice(random, text, Pick(random)),
                _ => MetaInsert(random, text),
            };
        }
        return text;
    }

    private static string RandomBytes(Random random)
    {
        var length = random.Next(random.Next(10) == 0 ? 65536 : 4096);
        if (random.Next(2) == 0)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return AbcText.Decode(bytes).Text;
        }
        var sb = new StringBuilder(random.Next(2) == 0 ? "X:1\nK:C\n" : "");
        for (var i = 0; i < length; i++)
            sb.Append(AbcAlphabet[random.Next(AbcAlphabet.Length)]);
        return sb.ToString();
    }

    private static readonly (string Open, string Close)[] Nests =
    [
        ("(", ")"), ("[", "]"), ("{", "}"), ("!", "!"), ("\"", "\""), ("(3", ""), ("[K:", "]"), ("[|", "|]"),
        ("(a", "a)"), ("{a", "}"), ("[a", "]"), ("a-", "a"), ("a>", "b"), ("|:", ":|"), ("[1", "|"), ("\\\n", ""),
        ("(3:2:9", ""), ("!trill!", ""), ("^", "a"), ("a/", ""), ("[V:", "]"), ("+", "+"),
    ];

    private static string DeepNesting(Random random)
    {
        var (open, close) = Nests[random.Next(Nests.Length)];
        var depth = random.Next(4) switch { 0 => 1 + random.Next(100), 1 => 1000 + random.Next(9000), _ => 10000 + random.Next(90000) };
        var balanced = random.Next(2) == 0;
        var body = new StringBuilder(depth * (open.Length + close.Length) + 64);
        body.Append("X:1\nT:nest\nM:4/4\nL:1/8\nK:G\n");
        for (var i = 0; i < depth; i++)
            body.Append(open);
        body.Append(random.Next(2) == 0 ? "abc" : "");
        if (balanced)
        {
            for (var i = 0; i < depth; i++)
                body.Append(close);
        }
        body.Append("|\n");
        return body.ToString();
    }

    private static readonly string[] Extremes =
    [
        "a2147483647", "a4294967296", "a/2147483648", "a99999999999999999999/3", "a0", "a/0", "a0/0", "z2147483647", "Z2147483647",
        "(2147483647a", "(2147483647:1:2147483647abc", "(0:0:0abc", "(1:0abc", "[1-2147483647", "[0,", "|99999999999", "a//////////////////////////////////",
        "a>>>>>>>>>>>>>>>>>>>>>>>>>>b", "a<<<<<<<<<<<<<<<<<<<<<<b", "[L:1/0]", "[L:0/1]", "[L:1/2147483647]", "[M:2147483647/1]", "[M:1/0]",
        "[M:0/0]", "[Q:1/0=0]", "[Q:2147483647]", "[K:C transpose=2147483647]", "[K:C octave=-2147483648]", "[K:^c^c^c^c^c^c]",
        "^^^^^^^^a", "a''''''''''''''''''''''''''''''''", "C,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,", "[V:999999999999]", "[P:]", "&&&&",
        "(3:2147483647:1abc", "a3/2147483647", "a2147483647/1", "\"C/2147483647\"a", "!\u0000!", "\uFFFD\u0085\u0091",
    ];

    private static readonly string[] HeaderExtremes =
    [
        "L:1/0", "L:0", "L:1/2147483647", "L:2147483647/1", "M:2147483647/2147483647", "M:1/0", "M:0/0", "M:4/4/4", "M:(2+3+2)/8",
        "M:99999999999999/8", "Q:1/0=0", "Q:1/4=2147483647", "Q:-1", "K:C transpose=2147483647", "K:C middle=c''''''''''''",
        "K:H#b", "K:", "K:C clef=treble octave=99999", "V:1 transpose=-2147483648", "X:99999999999999999999",
    ];

    private static string ExtremeNumbers(Random random)
    {
        var sb = new StringBuilder("X:1\nT:extreme\n");
        var headers = random.Next(4);
        for (var i = 0; i < headers; i++)
            sb.Append(HeaderExtremes[random.Next(HeaderExtremes.Length)]).Append('\n');
        if (random.Next(4) != 0)
            sb.Append("M:4/4\nL:1/8\n");
        sb.Append(random.Next(6) == 0 ? HeaderExtremes[random.Next(HeaderExtremes.Length)] : "K:D").Append('\n');
        var items = 1 + random.Next(20);
        for (var i = 0; i < items; i++)
        {
            sb.Append(random.Next(3) == 0 ? "abc " : "").Append(Extremes[random.Next(Extremes.Length)]);
            if (random.Next(4) == 0)
                sb.Append('|');
        }
        sb.Append("|]\n");
        return sb.ToString();
    }
}
