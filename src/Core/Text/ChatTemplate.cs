using System.Text;

namespace MusicPile.Core.Text;

/// <summary>
/// ChatMusician's chat format, the one spelling of it: each round is <c>Human: {question} &lt;/s&gt; Assistant: {answer} &lt;/s&gt;</c>,
/// rounds are joined by a space, and a prompt ends with the open <c>Human: {question} &lt;/s&gt; Assistant: </c>.
/// The literal <c>&lt;/s&gt;</c> is what tokenizers turn into the end-of-sequence id.
/// </summary>
public static class ChatTemplate
{
    /// <summary>What starts a human turn.</summary>
    public const string Human = "Human:";

    /// <summary>What starts an assistant turn.</summary>
    public const string Assistant = "Assistant:";

    /// <summary>What ends each turn.</summary>
    public const string EndOfTurn = "</s>";

    /// <summary>A round up to where the answer starts, without the space before it: <c>Human: {question} &lt;/s&gt; Assistant:</c>.</summary>
    public static string Question(string question) => $"{Human} {question} {EndOfTurn} {Assistant}";

    /// <summary>The answer part of a round, after the space that follows <c>Assistant:</c>: <c>{answer} &lt;/s&gt;</c>.</summary>
    public static string Answer(string answer) => $"{answer} {EndOfTurn}";

    /// <summary>One whole round: <c>Human: {question} &lt;/s&gt; Assistant: {answer} &lt;/s&gt;</c>.</summary>
    public static string Round(string question, string answer) => $"{Question(question)} {Answer(answer)}";

    /// <summary>Rounds joined by spaces; a last round without an answer ends open, with the space the answer would follow.</summary>
    public static string Format(IEnumerable<ChatRound> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var sb = new StringBuilder();
        foreach (var round in rounds)
        {
            if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
            if (round.Answer is null)
                sb.Append(Question(round.Question)).Append(' ');
            else
                sb.Append(Round(round.Question, round.Answer));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Whether <paramref name="text"/> is in chat form: it starts (after white space) with <c>Human:</c>, and some
    /// <c>&lt;/s&gt;</c> later is followed, after optional white space, by <c>Assistant:</c>.
    /// </summary>
    public static bool IsChat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().TrimStart();
        if (!span.StartsWith(Human, StringComparison.Ordinal))
            return false;
        for (var at = span.IndexOf(EndOfTurn, StringComparison.Ordinal); at >= 0;)
        {
            var rest = span[(at + EndOfTurn.Length)..];
            if (rest.TrimStart().StartsWith(Assistant, StringComparison.Ordinal))
                return true;
            var next = rest.IndexOf(EndOfTurn, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + EndOfTurn.Length + next;
        }
        return false;
    }

    /// <summary>
    /// The rounds of a chat text, questions and answers without the white space around them; the last round has a null
    /// answer when the text ends open after <c>Assistant:</c>. Empty when the text is not in chat form.
    /// </summary>
    public static IReadOnlyList<ChatRound> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rounds = new List<ChatRound>();
        var at = SkipSpace(text, 0);
        while (at < text.Length && text.AsSpan(at).StartsWith(Human, StringComparison.Ordinal))
        {
            var questionStart = at + Human.Length;
            var questionEnd = FindTurnEnd(text, questionStart, Assistant);
            if (questionEnd < 0)
                return [];
            var question = text[questionStart..questionEnd].Trim();
            var answerStart = SkipSpace(text, questionEnd + EndOfTurn.Length);
            answerStart = SkipSpace(text, answerStart + Assistant.Length);
            if (answerStart >= text.Length)
            {
                rounds.Add(new ChatRound(question, null));
                return rounds;
            }
            var answerEnd = FindTurnEnd(text, answerStart, Human);
            if (answerEnd < 0)
                return [];
            rounds.Add(new ChatRound(question, text[answerStart..answerEnd].Trim()));
            at = SkipSpace(text, answerEnd + EndOfTurn.Length);
        }
        return at >= text.Length ? rounds : [];
    }

    /// <summary>The first <c>&lt;/s&gt;</c> from <paramref name="start"/> that is followed by <paramref name="next"/> (after white space) or by the end of the text; -1 when none.</summary>
    private static int FindTurnEnd(string text, int start, string next)
    {
        for (var at = text.IndexOf(EndOfTurn, start, StringComparison.Ordinal); at >= 0; at = text.IndexOf(EndOfTurn, at + 1, StringComparison.Ordinal))
        {
            var after = SkipSpace(text, at + EndOfTurn.Length);
            if (after >= text.Length ? next == Human : text.AsSpan(after).StartsWith(next, StringComparison.Ordinal))
                return at;
        }
        return -1;
    }

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        return at;
    }
}
