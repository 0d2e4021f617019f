using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MusicPile.Ingest;

/// <summary>A document's id: a positive 63-bit hash of its source, file and key in the file (<see cref="RecordIdentity"/>), the same on every run.</summary>
internal static class DocumentId
{
    public static long For(string source, string path, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{path}\n{key}"));
        return (long)(BinaryPrimitives.ReadUInt64LittleEndian(hash) & 0x7FFF_FFFF_FFFF_FFFF);
    }
}
