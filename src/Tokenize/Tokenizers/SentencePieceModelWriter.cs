using System.Text.RegularExpressions;

namespace MusicPile.Tokenize;

/// <summary>Serialises a <see cref="BpeVocabulary"/> as a SentencePiece BPE <c>ModelProto</c> (tokenizer.model).</summary>
internal static partial class SentencePieceModelWriter
{
    private const int PieceNormal = 1;
    private const int PieceUnknown = 2;
    private const int PieceControl = 3;
    private const int PieceByte = 6;
    private const int ModelTypeBpe = 2;

    public static byte[] Serialize(BpeVocabulary vocabulary)
    {
        var scores = vocabulary.PieceScores();
        var model = new ProtoWriter();
        for (var id = 0; id < vocabulary.Pieces.Count; id++)
        {
            var piece = vocabulary.Pieces[id];
            var type = PieceTypeOf(id, piece);
            var entry = new ProtoWriter();
            entry.WriteStringField(1, piece);
            entry.WriteFloatField(2, type == PieceNormal ? scores[id] : 0f);
            entry.WriteVarintField(3, (ulong)type);
            model.WriteMessageField(1, entry);
        }

        var trainer = new ProtoWriter();
        trainer.WriteVarintField(3, ModelTypeBpe);
        trainer.WriteInt32Field(4, vocabulary.Pieces.Count);
        trainer.WriteBoolField(25, true);
        trainer.WriteBoolField(35, true);
        trainer.WriteInt32Field(40, 0);
        trainer.WriteInt32Field(41, 1);
        trainer.WriteInt32Field(42, 2);
        trainer.WriteInt32Field(43, -1);
        model.WriteMessageField(2, trainer);

        var normalizer = new ProtoWriter();
        normalizer.WriteStringField(1, "identity");
        normalizer.WriteBoolField(3, true);
        normalizer.WriteBoolField(4, false);
        normalizer.WriteBoolField(5, true);
        model.WriteMessageField(3, normalizer);
        return model.ToArray();
    }

    private static int PieceTypeOf(int id, string piece) => id switch
    {
        0 => PieceUnknown,
        1 or 2 => PieceControl,
        _ when BytePiece().IsMatch(piece) => PieceByte,
        _ => PieceNormal,
    };

    [GeneratedRegex("^<0x[0-9A-F]{2}>$")]
    private static partial Regex BytePiece();
}
