namespace Bot.Retrieval.Index;

/// <summary>The index's own record of what it was built from.</summary>
public sealed record IndexManifest(
    IReadOnlyDictionary<string, IndexedDocument> Documents,
    string? EmbeddingModel,
    string? AnalyzerFingerprint,
    int ChunkCount,
    DateTimeOffset? LastIndexedAt)
{
    /// <summary>
    /// The knowledge folder's listing (files, sizes, write times) when it was last found to match this index, as a hash;
    /// null when never recorded. A process that starts on a folder with this listing need not read it again.
    /// </summary>
    public string? FolderStamp { get; init; }

    public IndexSummary Summary => new(Documents.Count, ChunkCount, EmbeddingModel, AnalyzerFingerprint, FolderStamp) { LastIndexedAt = LastIndexedAt };

    public static IndexManifest Empty { get; } = new(new Dictionary<string, IndexedDocument>(), null, null, 0, null);
}
