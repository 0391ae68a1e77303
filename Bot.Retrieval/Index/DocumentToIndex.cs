using Bot.Retrieval.Documents;

namespace Bot.Retrieval.Index;

/// <summary>A document with its analyzed, embedded chunks.</summary>
public sealed record DocumentToIndex(Document Document, IReadOnlyList<IndexedChunk> Chunks);
