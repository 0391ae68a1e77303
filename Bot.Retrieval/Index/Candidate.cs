namespace Bot.Retrieval.Index;

/// <summary>
/// A chunk found by either side of the search. Ranks are 1-based; 0 means that side did not return it.
/// Lexical scores are BM25 (higher is better); dense scores are cosine similarities.
/// </summary>
public sealed record Candidate(IndexedChunk Chunk, int LexicalRank, double LexicalScore, int DenseRank, double DenseScore);
