namespace MusicPile.Abc;

internal static class LegacyCharsets
{
    /// <summary>CP1252 bytes 0x80-0x9F; '\0' where CP1252 assigns nothing (latin-1 control used instead).</summary>
    public static readonly char[] Cp1252High =
    [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0',
        '\0', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];

    /// <summary>Bytes 0x80-0x9F of CP437, except 0x9E which is ß as on the Atari ST (the Essen files use it so).</summary>
    public static readonly char[] AtariCp437High =
    [
        'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å',
        'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', 'ß', 'ƒ',
    ];
}
