using Bot.Retrieval.Index;

namespace Bot.Retrieval.Search;

/// <summary>The hits for one question, with what the answerer needs to weigh sentences the same way (precise terms, idf).</summary>
public sealed record SearchResult(string Question, IReadOnlyList<string> QuestionTerms, IReadOnlyList<SearchHit> Hits, TermStatistics Statistics, bool Relevant)
{
    public static SearchResult Empty(string question) => new(question, [], [], new TermStatistics(0, new Dictionary<string, int>()), false);
}
