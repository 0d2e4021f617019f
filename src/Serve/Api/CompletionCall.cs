using MusicPile.Serve.Generation;

namespace MusicPile.Serve.Api;

/// <summary>A parsed, validated completion or chat request.</summary>
internal sealed record CompletionCall(GenerationRequest Generation, bool Stream, bool Chat, bool IncludeUsageInStream);
