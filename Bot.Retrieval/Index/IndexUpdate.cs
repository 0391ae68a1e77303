namespace Bot.Retrieval.Index;

/// <summary>
/// One atomic change to the index: documents to (re)write with their chunks, documents to drop, and the ids of all
/// rewritten documents up front. <see cref="Upserts"/> may be produced lazily while the index writes them.
/// </summary>
public sealed record IndexUpdate(
    bool ReplaceAll,
    IReadOnlyCollection<string> UpsertIds,
    IAsyncEnumerable<DocumentToIndex> Upserts,
    IReadOnlyCollection<string> Removals,
    string EmbeddingModel,
    string AnalyzerFingerprint);
