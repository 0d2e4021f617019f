using MusicPile.Core.Text;

namespace MusicPile.Tokenize;

/// <summary>
/// Formats an SFT record as ChatMusician does, <c>Human: {instruction}{input} &lt;/s&gt; Assistant: {output} &lt;/s&gt;</c>,
/// and masks the loss to the answer. The prompt is encoded up to <c>Assistant:</c> and the answer from
/// <c>{output}</c>: the SentencePiece dummy prefix supplies the space between them, so the ids equal those of the whole
/// string.
/// </summary>
public sealed class SftEncoder(MusicTokenizer tokenizer, SftOptions? options = null)
{
    private readonly SftOptions _options = (options ?? new SftOptions()).Validate();

    /// <summary>The full training text of <paramref name="record"/>.</summary>
    public static string Format(SftRecord record) => $"{Prompt(record)} {Answer(record)}";

    /// <summary>Encodes <paramref name="record"/> with its loss mask, truncated per the options.</summary>
    public TokenSequence Encode(SftRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var prompt = tokenizer.Encode(Prompt(record));
        var answer = tokenizer.Encode(SeparatedAnswer(record));
        var promptLength = Math.Min(prompt.Length, _options.MaxPromptTokens);
        var answerLength = Math.Min(answer.Length, _options.MaxTotalTokens - promptLength);
        var ids = new int[promptLength + answerLength];
        prompt.AsSpan(0, promptLength).CopyTo(ids);
        answer.AsSpan(0, answerLength).CopyTo(ids.AsSpan(promptLength));
        var mask = new byte[ids.Length];
        mask.AsSpan(promptLength).Fill(1);
        return new TokenSequence(ids, mask);
    }

    private static string Prompt(SftRecord record) => ChatTemplate.Question(record.Instruction + record.Input);

    private static string Answer(SftRecord record) => ChatTemplate.Answer(record.Output);

    // Without SentencePiece's dummy prefix (tiktoken) the space after "Assistant:" must be spelt out.
    private string SeparatedAnswer(SftRecord record) =>
        tokenizer.Inner is Microsoft.ML.Tokenizers.SentencePieceTokenizer { AddDummyPrefix: true } ? Answer(record) : " " + Answer(record);
}
