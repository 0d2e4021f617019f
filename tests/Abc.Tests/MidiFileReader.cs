namespace MusicPile.Abc.Tests;

/// <summary>A small standard MIDI file reader, independent of the writer, for checking what a file plays.</summary>
internal static class MidiFileReader
{
    public sealed record Note(int Track, int Channel, long Tick, int Pitch);

    public static (int Format, int Division, List<Note> Notes, int Tracks, int? MicrosPerQuarter) Read(byte[] data)
    {
        if (data.Length < 14 || data[0] != 'M' || data[1] != 'T' || data[2] != 'h' || data[3] != 'd')
            throw new InvalidDataException("not a MIDI file");
        var format = (data[8] << 8) | data[9];
        var tracks = (data[10] << 8) | data[11];
        var division = (data[12] << 8) | data[13];
        var pos = 8 + Big(data, 4, 4);
        var notes = new List<Note>();
        int? tempo = null;
        for (var t = 0; t < tracks && pos + 8 <= data.Length; t++)
        {
            var length = Big(data, pos + 4, 4);
            var p = pos + 8;
            var end = p + length;
            long tick = 0;
            byte status = 0;
            while (p < end)
            {
                tick += VarLen(data, ref p);
                if (data[p] >= 0x80)
                    status = data[p++];
                if (status == 0xFF)
                {
                    var type = data[p++];
                    var len = (int)VarLen(data, ref p);
                    if (type == 0x51)
                        tempo = Big(data, p, 3);
                    p += len;
                    status = 0;
                }
                else if (status is 0xF0 or 0xF7)
                    p += (int)VarLen(data, ref p);
                else
                {
                    var kind = status & 0xF0;
                    var a = data[p++];
                    var b = kind is 0xC0 or 0xD0 ? 0 : data[p++];
                    if (kind == 0x90 && b > 0)
                        notes.Add(new Note(t, status & 0x0F, tick, a));
                }
            }
            pos = end;
        }
        return (format, division, notes, tracks, tempo);
    }

    private static int Big(byte[] d, int at, int n)
    {
        var v = 0;
        for (var i = 0; i < n; i++)
            v = (v << 8) | d[at + i];
        return v;
    }

    private static long VarLen(byte[] d, ref int p)
    {
        long v = 0;
        byte b;
        do
        {
            b = d[p++];
            v = (v << 7) | (uint)(b & 0x7F);
        }
        while ((b & 0x80) != 0);
        return v;
    }
}
