namespace Bot.Retrieval.Index;

/// <summary>Document frequencies of some terms over the chunks of the index.</summary>
public sealed record TermStatistics(int ChunkCount, IReadOnlyDictionary<string, int> DocumentFrequency)
{
    /// <summary>Maps a precise term to the index term its frequency is kept under (the analyzer's cap).</summary>
    public Func<string, string> IndexTerm { get; init; } = t => t;

    /// <summary>
    /// BM25's idf. A term the index has never seen weighs as if it were in a quarter of a chunk: a name no document
    /// mentions says more about a question being unanswerable than a word one chunk happens to contain.
    /// </summary>
    public double Idf(string term)
    {
        double df = DocumentFrequency.GetValueOrDefault(IndexTerm(term));
        if (df == 0) df = UnseenFrequency;
        return Math.Log(1 + (ChunkCount - df + 0.5) / (df + 0.5));
    }

    private const double UnseenFrequency = 0.25;
}
