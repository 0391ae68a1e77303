namespace Bot.Retrieval.Index;

/// <summary>
/// A chunk found by either side of the search, by its store key (load it with <see cref="IKnowledgeIndex.GetChunksAsync"/>).
/// Ranks are 1-based; 0 means that side did not return it. Lexical scores are BM25 (higher is better); dense scores are cosines.
/// </summary>
public sealed record Candidate(long Key, int LexicalRank, double LexicalScore, int DenseRank, double DenseScore);
