using Bot.Retrieval.Chunking;
using Bot.Retrieval.Search;

namespace Bot.Retrieval.Answering;

/// <summary>A numbered source the answer cites: which document, where in it, and the passage itself.</summary>
public sealed record Citation(int N, string DocumentId, string ChunkId, string Title, string Section, PassagePlace Place, string Text, double Score)
{
    /// <summary>Citation <paramref name="n"/>: the hit's passage, scored by its relevance.</summary>
    public static Citation Of(int n, SearchHit hit) =>
        new(n, hit.Chunk.DocumentId, hit.Chunk.Id, hit.Chunk.Title, hit.Chunk.Section, hit.Chunk.Place, hit.Chunk.Text, Math.Round(hit.Relevance, 3));
}
