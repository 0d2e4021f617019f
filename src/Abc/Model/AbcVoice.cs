namespace MusicPile.Abc;

/// <summary>One voice of a tune and its bars.</summary>
/// <param name="Id">The voice id from <c>V:</c>; empty for the single implicit voice.</param>
/// <param name="Properties">The rest of the first <c>V:</c> line of the body that selects it (<c>clef=bass name="..."</c>).</param>
/// <param name="Bars">The bars in order.</param>
public sealed record AbcVoice(string Id, string Properties, IReadOnlyList<AbcBar> Bars);
