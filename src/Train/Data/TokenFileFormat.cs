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

    /// <summary>Megatron-LM <c>.bin</c> with uint16 tokens; the <c>.idx</c> beside it gives the dtype and the document index.</summary>
    Megatron,

    /// <summary>Megatron-LM <c>.bin</c> with int32 tokens (vocabularies of 65,500 ids or more).</summary>
    MegatronInt32,
}
