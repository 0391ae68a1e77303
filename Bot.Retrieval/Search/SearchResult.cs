using Bot.Retrieval.Index;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Search;

/// <summary>
/// The hits for one question, with what the answerer needs to weigh sentences the same way: the question as the
/// retriever analysed it, and the index's term statistics (idf).
/// </summary>
public sealed record SearchResult(AnalyzedQuestion Analyzed, IReadOnlyList<SearchHit> Hits, TermStatistics Statistics, bool Relevant)
{
    public string Question => Analyzed.Text;

    /// <summary>The question's precise stems, which the answer's coverage is counted in.</summary>
    public IReadOnlyList<string> QuestionTerms => Analyzed.PreciseTerms;

    /// <summary>The retriever's analysed sentences, for whoever reads the hits' sentences after it (<see cref="SentenceAnalysis.For"/>).</summary>
    public SentenceAnalysis? Sentences { get; init; }

    public static SearchResult Empty(AnalyzedQuestion question) => new(question, [], new TermStatistics(0, new Dictionary<string, int>()), false);
}
