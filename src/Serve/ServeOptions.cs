using MusicPile.Train;

namespace MusicPile.Serve;

/// <summary>Settings of one serving process. Every default is documented on its property; call <see cref="Validate"/> before use.</summary>
public sealed record ServeOptions
{
    /// <summary>The checkpoint folder (<c>config.json</c>, <c>model.safetensors</c>, a tokenizer). Required.</summary>
    public string CheckpointDirectory { get; init; } = "";

    /// <summary>Listen addresses, e.g. <c>http://127.0.0.1:8080</c>; port 0 picks a free port. Default null: ASP.NET Core's own default.</summary>
    public string? Urls { get; init; }

    /// <summary>The model id shown by <c>/v1/models</c> and accepted in requests. Default null: the checkpoint folder's name.</summary>
    public string? ModelName { get; init; }

    /// <summary>Device: auto (CUDA when available, else CPU), cpu or cuda (an error without a GPU); read with <see cref="ComputeTarget.ParseDevice"/>. Default auto.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Auto;

    /// <summary>Longest accepted prompt in tokens; longer prompts get 413. Default 1536 (ChatMusician's SFT prompt limit).</summary>
    public int MaxPromptTokens { get; init; } = 1536;

    /// <summary>Largest accepted <c>max_tokens</c>; larger values get 400. Default 1536.</summary>
    public int MaxNewTokensCap { get; init; } = 1536;

    /// <summary><c>max_tokens</c> when a request names neither it nor a preset. Default 256.</summary>
    public int DefaultMaxTokens { get; init; } = 256;

    /// <summary>Requests allowed to wait for a generation slot; one more gets 429. Default 16.</summary>
    public int QueueCapacity { get; init; } = 16;

    /// <summary>Generations run at the same time on the model. Default 1.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Largest request body in bytes; larger bodies get 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>PostgreSQL catalog for the corpus browser. Default null: the browser is off.</summary>
    public string? CatalogConnectionString { get; init; }

    /// <summary>The snapshots folder (<c>&lt;home&gt;/data/snapshots</c>): a snapshot's files are under <c>{root}/{snapshot}/</c>. Default null: the current folder.</summary>
    public string? CorpusRoot { get; init; }

    /// <summary>Most corpus rows one corpus search reads before it stops. Default 50,000.</summary>
    public int CorpusScanLimit { get; init; } = 50_000;

    /// <summary>Where tokenizer specs such as <c>llama2</c> cache their files. Default null: the tokenizer library's default.</summary>
    public string? TokenizerCacheDirectory { get; init; }

    /// <summary>ABC requests (<c>/v1/abc/*</c>) served at the same time; one more gets 429. Default 4.</summary>
    public int AbcConcurrency { get; init; } = 4;

    /// <summary>Longest ABC text the ABC endpoints take, in UTF-8 bytes; longer gets 413. Default 256 KiB.</summary>
    public int MaxAbcBytes { get; init; } = 256 << 10;

    /// <summary>Host names requests may use (others get 400, against DNS rebinding). Default null: localhost and the hosts of <see cref="Urls"/>.</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public ServeOptions Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException("invalid serve options: " + message);
        }
        Require(!string.IsNullOrWhiteSpace(CheckpointDirectory), "a checkpoint directory is required");
        Require(Enum.IsDefined(Device), "device must be auto, cpu or cuda");
        Require(MaxPromptTokens > 0, "max prompt tokens must be positive");
        Require(MaxNewTokensCap > 0, "max new tokens cap must be positive");
        Require(DefaultMaxTokens > 0 && DefaultMaxTokens <= MaxNewTokensCap, "default max tokens must be in 1..cap");
        Require(QueueCapacity >= 0, "queue capacity must not be negative");
        Require(Workers > 0, "workers must be positive");
        Require(MaxRequestBodyBytes > 0, "max request body bytes must be positive");
        Require(CorpusScanLimit > 0, "corpus scan limit must be positive");
        Require(AbcConcurrency > 0, "ABC concurrency must be positive");
        Require(MaxAbcBytes > 0, "max ABC bytes must be positive");
        Require(AllowedHosts is null || AllowedHosts.Count > 0, "allowed hosts must name at least one host");
        return this;
    }
}
