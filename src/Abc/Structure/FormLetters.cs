namespace MusicPile.Abc;

/// <summary>Reading letter forms: a letter followed by any number of primes is one section (<c>ABB'C</c> is A, B, B', C).</summary>
public static class FormLetters
{
    /// <summary>The section labels of a letter form; spaces are ignored.</summary>
    public static IReadOnlyList<string> Split(string letterForm)
    {
        ArgumentNullException.ThrowIfNull(letterForm);
        var result = new List<string>();
        foreach (var c in letterForm)
        {
            if (c == '\'' && result.Count > 0)
                result[^1] += "'";
            else if (char.IsLetter(c))
                result.Add(c.ToString());
        }
        return result;
    }

    /// <summary>The labels without primes, consecutive repeats merged: <c>AABB'A</c> gives <c>ABA</c>.</summary>
    public static string Collapse(string letterForm)
    {
        var chars = new List<char>();
        foreach (var label in Split(letterForm))
        {
            if (chars.Count == 0 || chars[^1] != label[0])
                chars.Add(label[0]);
        }
        return new string([.. chars]);
    }
}
