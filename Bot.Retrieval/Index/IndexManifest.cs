namespace Bot.Retrieval.Index;

/// <summary>The index's own record of what it was built from.</summary>
public sealed record IndexManifest(
    IReadOnlyDictionary<string, IndexedDocument> Documents,
    string? EmbeddingModel,
    string? AnalyzerFingerprint,
    int ChunkCount,
    DateTimeOffset? LastIndexedAt)
{
    public static IndexManifest Empty { get; } = new(new Dictionary<string, IndexedDocument>(), null, null, 0, null);
}
