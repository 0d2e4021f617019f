namespace MusicPile.Tokenize;

/// <summary>Constants of Megatron-LM's indexed dataset (<c>MMIDIDX</c>, version 1).</summary>
public static class MegatronFormat
{
    /// <summary>The 9-byte magic at the start of every <c>.idx</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "MMIDIDX\0\0"u8;

    /// <summary>Index format version written and accepted.</summary>
    public const ulong Version = 1;

    /// <summary>Bytes before the sizes array: magic, version, dtype, sequence count, document count.</summary>
    public const int HeaderBytes = 34;

    /// <summary>Dtype code of uint16 tokens.</summary>
    public const byte DtypeUInt16 = 8;

    /// <summary>Dtype code of int32 tokens.</summary>
    public const byte DtypeInt32 = 4;

    /// <summary>Megatron's rule: uint16 when the vocabulary has fewer than 65,500 ids, else int32.</summary>
    public static byte DtypeFor(int vocabSize) => vocabSize < 65500 ? DtypeUInt16 : DtypeInt32;

    /// <summary>Bytes per token of a dtype code this project writes.</summary>
    public static int WidthOf(byte dtype) => dtype switch
    {
        DtypeUInt16 => 2,
        DtypeInt32 => 4,
        _ => throw new InvalidDataException($"unsupported Megatron dtype code {dtype}"),
    };

    /// <summary>The <c>.bin</c>/<c>.idx</c> path without extension: <c>{directory}/{prefix}_{key}_document</c>.</summary>
    public static string PathPrefix(string directory, string prefix, string key = "text") =>
        Path.Combine(directory, $"{prefix}_{key}_document");
}
