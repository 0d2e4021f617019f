using System.Globalization;
using System.Text;

namespace MusicPile.Core.Text;

/// <summary>Text from a user's file shown inside a one-line message: quoted, with control characters escaped.</summary>
public static class Printable
{
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('\'');
        foreach (var c in s)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('\'').ToString();
    }
}
