using Bot.Retrieval.Index;
using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;

namespace Bot.Retrieval.Search;

/// <summary>
/// Lexical (BM25 over analyzed terms) and dense candidates, fused, ranked, and judged against the relevance threshold.
/// </summary>
public sealed class HybridRetriever(
    IKnowledgeIndex index,
    KazakhAnalyzer analyzer,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    SearchOptions options)
{
    public SearchOptions Options => options;

    public async Task<SearchResult> SearchAsync(string question, int? top = null, CancellationToken cancellationToken = default)
    {
        var words = analyzer.Words(question);
        var terms = analyzer.Terms(words);
        var precise = analyzer.PreciseTerms(words);
        var embeddings = await embedder.GenerateAsync([question], cancellationToken: cancellationToken);
        var vector = embeddings[0].Vector.ToArray();
        if (terms.Count == 0 && vector.All(v => v == 0)) return SearchResult.Empty(question);

        var candidates = await index.SearchAsync(new SearchRequest(terms, vector), cancellationToken);
        var statistics = await index.GetTermStatisticsAsync(terms, cancellationToken) with { IndexTerm = analyzer.Cap };
        double maxLexical = candidates.Count == 0 ? 0 : candidates.Max(c => c.LexicalScore);

        var scored = candidates.Select(c =>
        {
            double fused = options.Fusion == "Rrf"
                ? (c.LexicalRank > 0 ? 1.0 / (options.RrfK + c.LexicalRank) : 0) + (c.DenseRank > 0 ? 1.0 / (options.RrfK + c.DenseRank) : 0)
                : options.LexicalWeight * (maxLexical > 0 ? c.LexicalScore / maxLexical : 0) + (1 - options.LexicalWeight) * Math.Max(0, c.DenseScore);
            var coverage = TermCoverage.Of(precise, c.Chunk.PreciseTerms.ToHashSet(StringComparer.Ordinal), statistics);
            return (Candidate: c, Fused: fused + options.CoverageWeight * coverage, Relevance: coverage);
        })
        .OrderByDescending(x => x.Fused)
        .Take(top ?? options.TopK)
        .Select((x, i) => new SearchHit(i + 1, x.Candidate.Chunk.Chunk, x.Candidate.Chunk.PreciseTerms, x.Fused, x.Relevance, x.Candidate.LexicalScore, x.Candidate.DenseScore))
        .ToList();

        bool relevant = scored.Count > 0 && scored.Take(3).Max(h => h.Relevance) >= options.MinRelevance;
        return new SearchResult(question, precise, scored, statistics, relevant);
    }
}
