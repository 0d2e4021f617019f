namespace MusicPile.Tokenize;

/// <summary>Token file formats the exporter writes.</summary>
public enum ShardFormat
{
    /// <summary>Megatron-LM indexed dataset, <c>{prefix}_{split}_text_document.bin/.idx</c>.</summary>
    Megatron,

    /// <summary>llm.c shards, <c>{prefix}_{split}_{index:D6}.bin</c>, end-of-text before each document.</summary>
    Llmc,

    /// <summary>nanoGPT <c>train.bin</c>/<c>val.bin</c>, end-of-text after each document.</summary>
    NanoGpt,

    /// <summary>Parquet rows <c>id, src, input_ids[, loss_mask]</c>, <c>{prefix}_{split}_{index:D5}.parquet</c>.</summary>
    Parquet,
}
