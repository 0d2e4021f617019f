namespace MusicPile.Train;

/// <summary>On-disk layouts of token files.</summary>
public enum TokenFileFormat
{
    /// <summary>nanoGPT <c>train.bin</c>/<c>val.bin</c>: raw little-endian uint16, no header.</summary>
    NanoGpt,

    /// <summary>llm.c shard: int32[256] header (magic 20240520, version 1, token count), then uint16 tokens.</summary>
    LlmcShard,

    /// <summary>llm.c shard for large vocabularies: magic 20240801, version 7, then uint32 tokens.</summary>
    LlmcShardUInt32,
}
