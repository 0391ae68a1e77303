using Bot.Retrieval.Chunking;

namespace Bot.Retrieval.Index;

/// <summary>A chunk with its index terms (what BM25 ranks by) and its dense vector, as written to the index.</summary>
public sealed record IndexedChunk(Chunk Chunk, IReadOnlyList<string> Terms, float[] Vector);
