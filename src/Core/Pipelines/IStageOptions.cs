namespace MusicPile.Core.Pipelines;

/// <summary>
/// A record of options a pipeline file sets for a stage or a source. Each settable property is one option, named in
/// snake_case (<c>MaxRecordBytes</c> is <c>max_record_bytes</c>), and its initial value is the default. A property
/// whose type is itself an options record takes its options from the same keys.
/// </summary>
public interface IStageOptions
{
    /// <summary>Throws <see cref="ArgumentException"/> or a usage error for values outside their ranges.</summary>
    void Validate();
}
