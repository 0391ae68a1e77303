using Bot.Retrieval.Documents;

namespace Bot.Retrieval.Index;

/// <summary>One atomic change to the index: documents to (re)write with their chunks, documents to drop.</summary>
public sealed record IndexUpdate(
    bool ReplaceAll,
    IReadOnlyList<DocumentToIndex> Upserts,
    IReadOnlyCollection<string> Removals,
    string EmbeddingModel,
    string AnalyzerFingerprint);
