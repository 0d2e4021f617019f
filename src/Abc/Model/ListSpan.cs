using System.Runtime.InteropServices;

namespace MusicPile.Abc;

/// <summary>The items of a model list as a span, so hot loops avoid an interface call per item; lists the parser builds are <see cref="List{T}"/>.</summary>
internal static class ListSpan
{
    public static ReadOnlySpan<T> Of<T>(IReadOnlyList<T> items) => items switch
    {
        List<T> list => CollectionsMarshal.AsSpan(list),
        T[] array => array,
        _ => items.ToArray(),
    };
}
