namespace MusicPile.Train;

/// <summary>One entry of a safetensors header: dtype code (F32, F16, BF16), shape, byte range in the data section.</summary>
public sealed record SafeTensorInfo(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>Number of elements; <see cref="OverflowException"/> when the shape's product does not fit a long.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Bytes taken by the data.</summary>
    public long ByteLength => End - Begin;
}
