using Bot.Retrieval.Chunking;

namespace Bot.Retrieval.Search;

/// <summary>
/// One retrieved chunk. <see cref="Score"/> orders the hits (fused); <see cref="Relevance"/> is the idf-weighted share of
/// the question's terms the chunk contains (0–1), which the threshold reads.
/// </summary>
public sealed record SearchHit(int Rank, Chunk Chunk, double Score, double Relevance, double LexicalScore, double DenseScore);
