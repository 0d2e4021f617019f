using System.Buffers.Binary;
using System.Text;

namespace MusicPile.Tokenize;

/// <summary>
/// The pieces of a SentencePiece <c>ModelProto</c> in id order, with their scores and types, and the trainer's model
/// type: the parts of the model that the .NET loader keeps to itself and a BPE encoder needs.
/// </summary>
internal sealed record SentencePieceModelPieces(string[] Pieces, float[] Scores, SentencePieceType[] Types, int ModelType)
{
    /// <summary><c>TrainerSpec.model_type</c> of a BPE model.</summary>
    public const int ModelTypeBpe = 2;

    private const int ModelTypeUnigram = 1;

    /// <summary>Reads the pieces (field 1) and <c>trainer_spec.model_type</c> (field 2.3); other fields are skipped.</summary>
    public static SentencePieceModelPieces Read(ReadOnlySpan<byte> model)
    {
        var pieces = new List<string>();
        var scores = new List<float>();
        var types = new List<SentencePieceType>();
        var modelType = ModelTypeUnigram;
        var reader = new Reader(model);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == 2)
            {
                var entry = new Reader(reader.Bytes());
                var (piece, score, type) = ("", 0f, SentencePieceType.Normal);
                while (entry.Next(out var f, out var w))
                {
                    switch (f, w)
                    {
                        case (1, 2): piece = Encoding.UTF8.GetString(entry.Bytes()); break;
                        case (2, 5): score = entry.Float(); break;
                        case (3, 0): type = (SentencePieceType)entry.Varint(); break;
                        default: entry.Skip(w); break;
                    }
                }
                pieces.Add(piece);
                scores.Add(score);
                types.Add(type);
            }
            else if (field == 2 && wireType == 2)
            {
                var trainer = new Reader(reader.Bytes());
                while (trainer.Next(out var f, out var w))
                {
                    if (f == 3 && w == 0)
                        modelType = (int)trainer.Varint();
                    else
                        trainer.Skip(w);
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return new SentencePieceModelPieces([.. pieces], [.. scores], [.. types], modelType);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public bool Next(out int field, out int wireType)
        {
            if (_at >= _data.Length)
            {
                (field, wireType) = (0, 0);
                return false;
            }
            var tag = Varint();
            (field, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_at >= _data.Length)
                    throw new InvalidDataException("SentencePiece model ends inside a varint");
                var b = _data[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                    return value;
            }
            throw new InvalidDataException("SentencePiece model has a varint longer than 10 bytes");
        }

        public float Float() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

        public ReadOnlySpan<byte> Bytes() => Take(checked((int)Varint()));

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case 0: Varint(); break;
                case 1: Take(8); break;
                case 2: Bytes(); break;
                case 5: Take(4); break;
                default: throw new InvalidDataException($"SentencePiece model has unsupported wire type {wireType}");
            }
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || _at + count > _data.Length)
                throw new InvalidDataException("SentencePiece model field runs past the end of the data");
            var span = _data.Slice(_at, count);
            _at += count;
            return span;
        }
    }
}

/// <summary><c>SentencePiece.Type</c>: how a piece takes part in encoding.</summary>
internal enum SentencePieceType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
