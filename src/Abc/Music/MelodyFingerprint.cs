using System.Security.Cryptography;
using System.Text;

namespace MusicPile.Abc;

/// <summary>
/// A transposition-invariant melody hash for music-aware dedup: the first voice's sounding pitches as intervals and
/// its durations relative to the first note, with ties joined and chords read as their top note. Decorations, grace
/// notes, chord symbols, bar-line and repeat spelling, unit length and key do not change it.
/// </summary>
public static class MelodyFingerprint
{
    /// <summary>The fingerprint, <c>mf1:</c> and 32 hex digits; <c>mf1:empty</c> for a tune without notes.</summary>
    public static string Compute(AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var events = Events(tune);
        var first = events.FirstOrDefault(e => !e.Duration.IsZero).Duration;
        if (events.Count == 0 || first.IsZero)
            return "mf1:empty";
        var sb = new StringBuilder(events.Count * 8);
        int? previous = null;
        foreach (var (pitch, duration) in events)
        {
            if (pitch is { } p)
            {
                sb.Append(previous is { } q ? (p - q).ToString(System.Globalization.CultureInfo.InvariantCulture) : "s");
                previous = p;
            }
            else
                sb.Append('r');
            sb.Append(':').Append(duration / first).Append(' ');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return "mf1:" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Pitch (null for a rest) and duration of each sounding event of the first voice with notes.</summary>
    internal static List<(int? Pitch, Rational Duration)> Events(AbcTune tune)
    {
        var result = new List<(int?, Rational)>();
        var voice = tune.Voices.FirstOrDefault(v => v.Bars.Any(b => b.Elements.Any(e => e is AbcNote or AbcChord)));
        if (voice is null)
            return result;
        var resolver = new PitchResolver(tune.Key);
        var tiedFrom = (int?)null;
        foreach (var bar in voice.Bars)
        {
            resolver.NewBar();
            foreach (var e in bar.Elements)
            {
                int? pitch;
                bool tie;
                switch (e)
                {
                    case AbcFieldElement { Name: 'K' } k when AbcKey.TryParse(k.Value, out var key):
                        resolver.Key = key;
                        continue;
                    case AbcNote n:
                        pitch = resolver.Midi(n);
                        tie = n.Tie;
                        break;
                    case AbcChord c:
                        pitch = c.Notes.Max(resolver.Midi);
                        tie = c.Tie || c.Notes.Any(n => n.Tie);
                        break;
                    case AbcRest r:
                        pitch = null;
                        tie = false;
                        if (result.Count > 0 && result[^1].Item1 is null)
                        {
                            result[^1] = (null, result[^1].Item2 + r.Duration);
                            continue;
                        }
                        break;
                    default:
                        continue;
                }
                var duration = ((AbcTimedElement)e).Duration;
                if (tiedFrom is not null && pitch == tiedFrom && result.Count > 0)
                    result[^1] = (pitch, result[^1].Item2 + duration);
                else
                    result.Add((pitch, duration));
                tiedFrom = tie ? pitch : null;
            }
        }
        return result;
    }
}
