namespace MusicPile.Core.Pipelines;

/// <summary>
/// Options of a pipeline source: which fields of a structured record (JSON lines, Parquet) hold what, and where a
/// record's <c>src</c> comes from. Defaults read MusicPile (<c>id, text, src</c>) and MusicPile-sft
/// (<c>instruction, input, output</c>).
/// </summary>
public sealed record SourceOptions : IStageOptions
{
    /// <summary>Field holding the document text (<c>text_field</c>). Default <c>text</c>.</summary>
    public string TextField { get; init; } = "text";

    /// <summary>Field holding the record's own id (<c>id_field</c>). Default <c>id</c>.</summary>
    public string IdField { get; init; } = "id";

    /// <summary>Field holding the record's source name (<c>src_field</c>). Default <c>src</c>.</summary>
    public string SrcField { get; init; } = "src";

    /// <summary>Field holding an SFT instruction (<c>instruction_field</c>). Default <c>instruction</c>.</summary>
    public string InstructionField { get; init; } = "instruction";

    /// <summary>Field holding an SFT input (<c>input_field</c>). Default <c>input</c>.</summary>
    public string InputField { get; init; } = "input";

    /// <summary>Field holding an SFT answer (<c>output_field</c>). Default <c>output</c>.</summary>
    public string OutputField { get; init; } = "output";

    /// <summary>Take a record's <c>src</c> from its own field when it has one (<c>src_from_record</c>). Default false: the source's name.</summary>
    public bool SrcFromRecord { get; init; }

    /// <summary>Follow symbolic links that lead out of the source's folders (<c>follow_links</c>). Default false.</summary>
    public bool FollowLinks { get; init; }

    public void Validate()
    {
        var fields = new[] { TextField, IdField, SrcField, InstructionField, InputField, OutputField };
        if (fields.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("field names must not be empty");
    }
}
