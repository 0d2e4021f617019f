using MusicPile.Core.Text;

namespace MusicPile.Instruct;

/// <summary>One generated instruction: the three MusicPile-sft fields and the ABC texts in it that must parse.</summary>
/// <param name="Task">A name from <see cref="InstructionTasks"/>.</param>
/// <param name="Instruction">The paraphrased request.</param>
/// <param name="Input">The material the request is about (may be empty).</param>
/// <param name="Output">The answer.</param>
/// <param name="AbcTexts">Every ABC tune in the input or output.</param>
public sealed record InstructionExample(string Task, string Instruction, string Input, string Output, IReadOnlyList<string> AbcTexts)
{
    /// <summary>The prompt as MusicPile-sft joins it: the instruction, then the input on the next line when there is one.</summary>
    public string Prompt => Input.Length == 0 ? Instruction : Instruction + "\n" + Input;

    /// <summary>The training text: <c>Human: {prompt} &lt;/s&gt; Assistant: {output} &lt;/s&gt;</c>.</summary>
    public string ChatText => ChatTemplate.Round(Prompt, Output);
}
