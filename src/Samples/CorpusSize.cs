using System.Globalization;
using MusicPile.Core;

namespace MusicPile.Samples;

/// <summary>
/// How big a generated corpus is, as a factor of the shared datasets (1x: their 13,009 tunes, with text in MusicPile's
/// token proportions). <c>full</c> is about MusicPile's own size: 5.9M documents, about 14 GB.
/// </summary>
public sealed record CorpusSize(string Name, double Scale)
{
    /// <summary>The factor that gives about MusicPile's 5.9M documents.</summary>
    public const double FullScale = 230;

    public static CorpusSize Parse(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s == "full")
            return new CorpusSize("full", FullScale);
        var number = s.EndsWith('x') ? s[..^1] : s;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale <= 0 || scale > FullScale * 10)
            throw MusicPileException.Usage($"--size {text}: use a factor like 1x, 10x, 100x, 0.1x, or full");
        return new CorpusSize(s.EndsWith('x') ? s : s + "x", scale);
    }
}
