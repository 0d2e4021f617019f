namespace MusicPile.Abc;

internal static class EndingParser
{
    public static IReadOnlyList<int> Numbers(string? ending)
    {
        if (string.IsNullOrEmpty(ending))
            return [];
        var result = new List<int>();
        foreach (var part in ending.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-');
            if (dash > 0 && int.TryParse(part[..dash], out var a) && int.TryParse(part[(dash + 1)..], out var b) && b >= a && b - a < 32)
            {
                for (var i = a; i <= b; i++)
                    result.Add(i);
            }
            else if (int.TryParse(part, out var n))
                result.Add(n);
        }
        return result;
    }
}
