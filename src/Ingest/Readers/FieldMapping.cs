using MusicPile.Core.Pipelines;
using MusicPile.Core.Text;

namespace MusicPile.Ingest.Readers;

/// <summary>
/// Which fields of a structured record hold what. Defaults read MusicPile (<c>id, text, src</c>) and MusicPile-sft
/// (<c>instruction, input, output, src, id</c>); a source can rename each with <c>text_field</c>, <c>id_field</c>, ...
/// </summary>
internal sealed record FieldMapping(string Text, string Id, string Src, string Instruction, string Input, string Output)
{
    public static FieldMapping From(SourceOptions o) => new(o.TextField, o.IdField, o.SrcField, o.InstructionField, o.InputField, o.OutputField);

    /// <summary>Turns a record's fields into a raw record: SFT rows become one chat round, as MusicPile-sft is trained.</summary>
    public RawRecord ToRecord(string position, IReadOnlyDictionary<string, string?> f)
    {
        f.TryGetValue(Id, out var id);
        f.TryGetValue(Src, out var src);
        if (f.TryGetValue(Instruction, out var instruction) && instruction is not null && f.TryGetValue(Output, out var output) && output is not null)
        {
            f.TryGetValue(Input, out var input);
            var prompt = string.IsNullOrEmpty(input) ? instruction : instruction + "\n" + input;
            var fields = new Dictionary<string, string> { ["instruction"] = instruction, ["input"] = input ?? "", ["output"] = output };
            return new RawRecord(position, ChatTemplate.Round(prompt, output), id, src, "sft", Fields: fields);
        }
        if (f.TryGetValue(Text, out var text) && text is not null)
            return new RawRecord(position, text, id, src);
        return new RawRecord(position, null, id, src, Problem: "missing-field",
            ProblemDetail: $"no '{Text}' field (nor '{Instruction}' and '{Output}')");
    }
}
