using Bot.Retrieval.Chunking;

namespace Bot.Retrieval.Index;

/// <summary>
/// A chunk with its index terms (for ranking), its precise terms (for relevance and sentence choice; see
/// <c>KazakhAnalyzer.PreciseTerms</c>) and its dense vector.
/// </summary>
public sealed record IndexedChunk(Chunk Chunk, IReadOnlyList<string> Terms, IReadOnlyList<string> PreciseTerms, float[] Vector);
