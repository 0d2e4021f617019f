namespace MusicPile.Tokenize;

/// <summary>Constants of llm.c's token shards: a 256 × int32 header, then the tokens.</summary>
public static class LlmcFormat
{
    /// <summary>Header size in bytes.</summary>
    public const int HeaderBytes = 256 * 4;

    /// <summary>Magic of shards with uint16 tokens.</summary>
    public const int MagicUInt16 = 20240520;

    /// <summary>Version that goes with <see cref="MagicUInt16"/>.</summary>
    public const int VersionUInt16 = 1;

    /// <summary>Magic of shards with uint32 tokens (vocabularies over 65,535 ids).</summary>
    public const int MagicUInt32 = 20240801;

    /// <summary>Version that goes with <see cref="MagicUInt32"/>.</summary>
    public const int VersionUInt32 = 7;

    /// <summary>Token width in bytes for a vocabulary size.</summary>
    public static int WidthFor(int vocabSize) => vocabSize > 65535 ? 4 : 2;

    /// <summary>Shard file name: <c>{prefix}_{split}_{index:D6}.bin</c>, as llm.c's data scripts name them.</summary>
    public static string FileName(string prefix, string split, int index) => $"{prefix}_{split}_{index:D6}.bin";
}
