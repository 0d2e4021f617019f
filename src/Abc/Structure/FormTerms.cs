namespace MusicPile.Abc;

/// <summary>
/// Names a letter form. Rules run on the collapsed form (primes dropped, consecutive repeats merged, so AABB reads as
/// AB), first match wins:
/// <list type="table">
/// <item><term>One-part</term><description>a single section, played once (<c>A</c>)</description></item>
/// <item><term>Strophic</term><description>one section played again and again (<c>AA</c>, <c>AAA</c>)</description></item>
/// <item><term>Theme and Variations</term><description>one section with variations (<c>AA'A''</c>)</description></item>
/// <item><term>Binary</term><description>two contrasting parts (<c>AB</c>, <c>AABB</c>, <c>AAB'B</c>)</description></item>
/// <item><term>Rondo</term><description>a refrain between different episodes, at least three times (<c>ABACA</c>, <c>ABACABA</c>)</description></item>
/// <item><term>Arch</term><description>a mirror of three or more parts (<c>ABCBA</c>)</description></item>
/// <item><term>Ternary</term><description>a return after a contrast, once (<c>ABA</c>, <c>AABA</c>, <c>ABCA</c>)</description></item>
/// <item><term>Verse/Chorus</term><description>two parts alternating at least twice each (<c>ABAB</c>), or a refrain recurring after verses (<c>ABCB</c>)</description></item>
/// <item><term>Through-composed</term><description>three or more parts, none returning (<c>ABC</c>, <c>ABCD</c>)</description></item>
/// <item><term>Compound</term><description>anything else with returns (<c>ABCAB</c>)</description></item>
/// </list>
/// </summary>
public static class FormTerms
{
    public const string OnePart = "One-part";
    public const string Strophic = "Strophic";
    public const string ThemeAndVariations = "Theme and Variations";
    public const string Binary = "Binary";
    public const string Ternary = "Ternary";
    public const string Arch = "Arch";
    public const string Rondo = "Rondo";
    public const string VerseChorus = "Verse/Chorus";
    public const string ThroughComposed = "Through-composed";
    public const string Compound = "Compound";

    /// <summary>Every term <see cref="Classify"/> can return.</summary>
    public static IReadOnlyList<string> All { get; } =
        [OnePart, Strophic, ThemeAndVariations, Binary, Ternary, Arch, Rondo, VerseChorus, ThroughComposed, Compound];

    /// <summary>The form term of a letter form; empty for an empty form.</summary>
    public static string Classify(string letterForm)
    {
        var labels = FormLetters.Split(letterForm);
        if (labels.Count == 0)
            return "";
        var c = FormLetters.Collapse(letterForm);
        var distinct = c.Distinct().Count();
        if (distinct == 1)
            return labels.Count == 1 ? OnePart : labels.Any(l => l.Length > 1) ? ThemeAndVariations : Strophic;
        if (c.Length == 2)
            return Binary;
        if (IsRondo(c))
            return Rondo;
        if (distinct >= 3 && IsPalindrome(c))
            return Arch;
        if (c[0] == c[^1] && c.Length >= 3 && c[1..^1].IndexOf(c[0]) < 0)
            return Ternary;
        if (distinct == 2 && c.Length >= 4)
            return VerseChorus;
        if (distinct == c.Length)
            return ThroughComposed;
        if (HasRefrain(c))
            return VerseChorus;
        return Compound;
    }

    private static bool IsPalindrome(string s)
    {
        for (var i = 0; i < s.Length / 2; i++)
        {
            if (s[i] != s[^(i + 1)])
                return false;
        }
        return true;
    }

    /// <summary>A refrain at every even position, at least three times, and at least two different episodes.</summary>
    private static bool IsRondo(string c)
    {
        if (c.Length < 5)
            return false;
        var refrain = c[0];
        var episodes = new HashSet<char>();
        for (var i = 0; i < c.Length; i++)
        {
            if (i % 2 == 0 && c[i] != refrain)
                return false;
            if (i % 2 == 1)
                episodes.Add(c[i]);
        }
        return episodes.Count >= 2 && c.Count(x => x == refrain) >= 3;
    }

    /// <summary>Some letter other than the first recurs, each time after a different letter (<c>ABCB</c>, <c>ABCBDB</c>).</summary>
    private static bool HasRefrain(string c)
    {
        foreach (var letter in c.Distinct().Skip(1))
        {
            var positions = Enumerable.Range(0, c.Length).Where(i => c[i] == letter).ToList();
            if (positions.Count < 2)
                continue;
            var before = positions.Select(p => c[p - 1]).ToList();
            if (before.Distinct().Count() == before.Count && before.All(b => b != letter))
                return true;
        }
        return false;
    }
}
