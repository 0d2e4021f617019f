using Parquet.Schema;

namespace MusicPile.Tokenize;

/// <summary>Columns of token Parquet files: <c>id int64, src string, input_ids list&lt;int32&gt;</c> and optionally <c>loss_mask list&lt;int8&gt;</c>.</summary>
public static class ParquetTokenSchema
{
    /// <summary>The document id.</summary>
    public static DataField Id { get; } = new DataField<long>("id");

    /// <summary>The source name.</summary>
    public static DataField Source { get; } = new DataField<string>("src");

    /// <summary>The token ids.</summary>
    public static ListField InputIds { get; } = new("input_ids", new DataField<int>("element"));

    /// <summary>1 where the loss is taken, 0 elsewhere.</summary>
    public static ListField LossMask { get; } = new("loss_mask", new DataField<sbyte>("element"));

    /// <summary>The schema with or without the loss mask column.</summary>
    public static ParquetSchema Create(bool withLossMask) => withLossMask
        ? new ParquetSchema(Id, Source, InputIds, LossMask)
        : new ParquetSchema(Id, Source, InputIds);
}
