using Bot.Retrieval.Chunking;

namespace Bot.Retrieval.Index;

/// <summary>A chunk with its analyzed terms and its dense vector.</summary>
public sealed record IndexedChunk(Chunk Chunk, IReadOnlyList<string> Terms, float[] Vector);
