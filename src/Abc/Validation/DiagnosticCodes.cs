namespace MusicPile.Abc;

/// <summary>
/// The one list of diagnostic codes. Codes are stable identifiers: never rename one, only add.
/// Mirrored as a table in <c>src/Abc/DIAGNOSTICS.md</c>.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>Fatal: the tune has no <c>K:</c> field ending its header.</summary>
    public const string MissingKey = "missing-key";

    /// <summary>Warning: the <c>K:</c> value is not a key this library understands (read as C major).</summary>
    public const string InvalidKey = "invalid-key";

    /// <summary>Warning: the tune has no <c>M:</c> field (free meter assumed, bars not checked).</summary>
    public const string MissingMeter = "missing-meter";

    /// <summary>Warning: an <c>M:</c> value that is not C, C|, none or n/d (free meter assumed).</summary>
    public const string InvalidMeter = "invalid-meter";

    /// <summary>Warning: an <c>L:</c> value that is not a fraction like 1/8 (default used).</summary>
    public const string InvalidLength = "invalid-length";

    /// <summary>Warning: a <c>Q:</c> value with no readable tempo.</summary>
    public const string InvalidTempo = "invalid-tempo";

    /// <summary>Warning: an <c>X:</c> value that is not a whole number.</summary>
    public const string InvalidReferenceNumber = "invalid-reference-number";

    /// <summary>Fatal: the tune body holds no notes or rests.</summary>
    public const string EmptyBody = "empty-body";

    /// <summary>Warning: a chord <c>[</c> without its <c>]</c>, or a stray <c>]</c>.</summary>
    public const string UnbalancedChord = "unbalanced-chord";

    /// <summary>Warning: a chord symbol or annotation <c>"</c> not closed on its line.</summary>
    public const string UnbalancedQuote = "unbalanced-quote";

    /// <summary>Warning: a grace group <c>{</c> without its <c>}</c>, or a stray <c>}</c>.</summary>
    public const string UnbalancedGrace = "unbalanced-grace";

    /// <summary>Warning: a <c>!decoration!</c> or <c>+decoration+</c> not closed on its line.</summary>
    public const string UnbalancedDecoration = "unbalanced-decoration";

    /// <summary>Warning: slurs <c>(</c> and <c>)</c> that do not pair up within a voice.</summary>
    public const string UnbalancedSlur = "unbalanced-slur";

    /// <summary>Warning: an inline field <c>[K:...</c> without its <c>]</c>.</summary>
    public const string UnbalancedInlineField = "unbalanced-inline-field";

    /// <summary>Warning: an accidental or length with no note letter, or a length that cannot be read.</summary>
    public const string MalformedNote = "malformed-note";

    /// <summary>Warning: a character that has no meaning in a music line (skipped).</summary>
    public const string UnexpectedCharacter = "unexpected-character";

    /// <summary>Warning: a tie <c>-</c> with no note before it or no note after it.</summary>
    public const string TieWithoutPartner = "tie-without-partner";

    /// <summary>Warning: a broken rhythm <c>&gt;</c>/<c>&lt;</c> not between two notes of the same bar.</summary>
    public const string BrokenRhythmWithoutPartner = "broken-rhythm-without-partner";

    /// <summary>Warning: a tuplet <c>(p:q:r</c> that is malformed or runs out of notes.</summary>
    public const string InvalidTuplet = "invalid-tuplet";

    /// <summary>Warning: a bar whose notes do not add up to the meter, allowing pickups, short final bars and bars split by repeats and endings.</summary>
    public const string BarDuration = "bar-duration";

    /// <summary>Warning: a decoration name outside the ABC 2.1 list.</summary>
    public const string UnknownDecoration = "unknown-decoration";

    /// <summary>Warning: a quoted text without a placement prefix that is not a chord name (a normaliser repair makes it an annotation).</summary>
    public const string UnrecognizedChordSymbol = "unrecognized-chord-symbol";

    /// <summary>Warning: text with U+FFFD replacement characters or C1 control characters (bad decoding).</summary>
    public const string UndecodableText = "undecodable-text";

    /// <summary>Warning: a field line with a letter ABC does not define.</summary>
    public const string UnknownField = "unknown-field";

    /// <summary>All codes with their severities, in documentation order.</summary>
    public static IReadOnlyList<(string Code, AbcSeverity Severity)> All { get; } =
    [
        (MissingKey, AbcSeverity.Fatal), (InvalidKey, AbcSeverity.Warning), (MissingMeter, AbcSeverity.Warning),
        (InvalidMeter, AbcSeverity.Warning), (InvalidLength, AbcSeverity.Warning), (InvalidTempo, AbcSeverity.Warning),
        (InvalidReferenceNumber, AbcSeverity.Warning), (EmptyBody, AbcSeverity.Fatal), (UnbalancedChord, AbcSeverity.Warning),
        (UnbalancedQuote, AbcSeverity.Warning), (UnbalancedGrace, AbcSeverity.Warning), (UnbalancedDecoration, AbcSeverity.Warning),
        (UnbalancedSlur, AbcSeverity.Warning), (UnbalancedInlineField, AbcSeverity.Warning), (MalformedNote, AbcSeverity.Warning),
        (UnexpectedCharacter, AbcSeverity.Warning), (TieWithoutPartner, AbcSeverity.Warning),
        (BrokenRhythmWithoutPartner, AbcSeverity.Warning), (InvalidTuplet, AbcSeverity.Warning), (BarDuration, AbcSeverity.Warning),
        (UnknownDecoration, AbcSeverity.Warning), (UnrecognizedChordSymbol, AbcSeverity.Warning),
        (UndecodableText, AbcSeverity.Warning), (UnknownField, AbcSeverity.Warning),
    ];
}
