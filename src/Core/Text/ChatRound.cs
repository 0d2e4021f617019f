namespace MusicPile.Core.Text;

/// <summary>One round of ChatMusician's chat format: a question and its answer, or no answer yet (a prompt).</summary>
/// <param name="Question">What the human asked.</param>
/// <param name="Answer">What the assistant answered; null for the open round a model is asked to complete.</param>
public sealed record ChatRound(string Question, string? Answer);
