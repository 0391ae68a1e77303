namespace Bot.Retrieval.Index;

/// <summary>Document frequencies of some terms over the chunks of the index.</summary>
public sealed record TermStatistics(int ChunkCount, IReadOnlyDictionary<string, int> DocumentFrequency)
{
    /// <summary>BM25's idf; a term the index has never seen gets the idf of a term in a single chunk.</summary>
    public double Idf(string term)
    {
        var df = Math.Max(1, DocumentFrequency.GetValueOrDefault(term));
        return Math.Log(1 + (ChunkCount - df + 0.5) / (df + 0.5));
    }
}
