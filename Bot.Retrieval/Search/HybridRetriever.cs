using System.Collections.Concurrent;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Index;
using Bot.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bot.Retrieval.Search;

/// <summary>
/// Lexical (BM25 over analyzed terms) and dense candidates, fused and ranked on scores alone; then the top
/// <see cref="SearchOptions.RerankDepth"/> are read and re-ranked by what a bag of terms cannot see: the question's terms
/// in the title, in one sentence, and in the question's order. The relevance threshold reads the precise-stem coverage of
/// the best hits.
/// </summary>
public sealed class HybridRetriever(
    IKnowledgeIndex index,
    KazakhAnalyzer analyzer,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    SearchOptions options,
    ILogger<HybridRetriever>? logger = null)
{
    // A term in more than this share of chunks says little and costs BM25 a long posting list: left out of the query.
    private const double CommonTermShare = 0.25;
    private const int CacheLimit = 20_000;
    private readonly ConcurrentDictionary<(string Id, int Hash), PassageSignals> signalCache = new();
    private readonly SentenceAnalysis sentences = new(analyzer);
    private readonly ConcurrentDictionary<string, HashSet<string>> titleCache = new(StringComparer.Ordinal);
    private readonly IWordEmbedder? wordEmbedder = embedder.GetService<IWordEmbedder>();
    // The in-process embedder's vectors are cheap and rough: by default they only re-score the lexical candidates.
    private readonly bool denseOverLexical = options.Dense == DenseScope.LexicalCandidates ||
        (options.Dense == DenseScope.Auto && embedder.GetService<IWordEmbedder>() is not null);

    public async Task<SearchResult> SearchAsync(string question, int? top = null, CancellationToken cancellationToken = default)
    {
        int k = top ?? options.TopK;
        var analyzed = analyzer.Analyze(question);
        var terms = analyzed.Terms;
        var vector = await EmbedAsync(analyzed, cancellationToken);
        if (terms.Count == 0 && vector.All(v => v == 0)) return SearchResult.Empty(analyzed) with { Sentences = sentences };

        var statistics = await index.GetTermStatisticsAsync(terms, cancellationToken) with { IndexTerm = analyzer.Cap };
        int pool = Math.Max(50, 2 * k);
        var candidates = await index.SearchAsync(new SearchRequest(QueryTerms(terms, statistics), vector, pool, pool) { DenseOverLexical = denseOverLexical }, cancellationToken);
        double maxLexical = candidates.Count == 0 ? 0 : candidates.Max(c => c.LexicalScore);
        var ranked = candidates
            .Select(c => (Candidate: c, Fused: options.Fusion == FusionMode.Rrf
                ? (c.LexicalRank > 0 ? 1.0 / (options.RrfK + c.LexicalRank) : 0) + (c.DenseRank > 0 ? 1.0 / (options.RrfK + c.DenseRank) : 0)
                : options.LexicalWeight * (maxLexical > 0 ? c.LexicalScore / maxLexical : 0) + (1 - options.LexicalWeight) * Math.Max(0, c.DenseScore)))
            .OrderByDescending(x => x.Fused)
            .Take(Math.Max(k, options.RerankDepth))
            .ToList();

        var chunks = await index.GetChunksAsync(ranked.Select(x => x.Candidate.Key).ToList(), cancellationToken);
        ranked.RemoveAll(x => !chunks.ContainsKey(x.Candidate.Key));
        var signals = ranked.Select(x => Signals(chunks[x.Candidate.Key])).ToList();
        var ordered = new QuestionTerms(analyzed.PreciseTerms, statistics);
        int depth = Math.Min(options.RerankDepth, ranked.Count);
        var scored = ranked.Select((x, i) =>
            {
                var chunk = chunks[x.Candidate.Key];
                var coverage = TermCoverage.Of(ordered, signals[i].Terms);
                double score = x.Fused + options.CoverageWeight * coverage;
                // Past the re-rank depth (a caller asking for more hits than that) the fused order stands.
                if (i >= depth) return (x.Candidate, Chunk: chunk, Score: score, Relevance: coverage);
                if (options.TitleWeight > 0) score += options.TitleWeight * TermCoverage.Of(ordered, TitleTerms(chunk.Title));
                if (options.SentenceWeight > 0) score += options.SentenceWeight * signals[i].BestSentence(ordered);
                if (options.OrderWeight > 0) score += options.OrderWeight * signals[i].InOrder(ordered);
                return (x.Candidate, Chunk: chunk, Score: score, Relevance: coverage);
            })
            .ToList();
        var hits = scored.Take(depth).OrderByDescending(x => x.Score).Concat(scored.Skip(depth))
            .Take(k)
            .Select((x, i) => new SearchHit(i + 1, x.Chunk, x.Score, x.Relevance, x.Candidate.LexicalScore, x.Candidate.DenseScore))
            .ToList();

        bool relevant = hits.Count > 0 && hits.Take(3).Max(h => h.Relevance) >= options.MinRelevance;
        return new SearchResult(analyzed, hits, statistics, relevant) { Sentences = sentences };
    }

    // A provider that is down or replies with garbage costs the dense side only: the question is still answered lexically.
    // An in-process embedder takes the words already made.
    private async Task<float[]> EmbedAsync(AnalyzedQuestion question, CancellationToken cancellationToken)
    {
        if (wordEmbedder is not null) return wordEmbedder.Embed(question.Words);
        try
        {
            var embeddings = await embedder.GenerateAsync([question.Text], cancellationToken: cancellationToken);
            return embeddings[0].Vector.ToArray();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger?.EmbeddingFailed(ex.Message);
            return [];
        }
    }

    private static List<string> QueryTerms(IReadOnlyList<string> terms, TermStatistics statistics)
    {
        var distinct = terms.Distinct().ToList();
        var specific = distinct.Where(t => statistics.DocumentFrequency.GetValueOrDefault(t) <= CommonTermShare * statistics.ChunkCount).ToList();
        // Never an empty query: keep the two rarest terms even when every term is common.
        return specific.Count >= 2 ? specific : distinct.OrderBy(t => statistics.DocumentFrequency.GetValueOrDefault(t)).Take(2).Union(specific).ToList();
    }

    // Precise stems of a document title, cached: a title is shared by all of its document's chunks.
    private HashSet<string> TitleTerms(string title)
    {
        if (titleCache.TryGetValue(title, out var cached)) return cached;
        if (titleCache.Count >= CacheLimit) titleCache.Clear();
        var terms = analyzer.PreciseTerms(title).ToHashSet(StringComparer.Ordinal);
        titleCache[title] = terms;
        return terms;
    }

    // What the re-ranker reads of a chunk, cached: the same passages answer many questions.
    private PassageSignals Signals(Chunk chunk)
    {
        var key = (chunk.Id, chunk.Text.GetHashCode());
        if (signalCache.TryGetValue(key, out var cached)) return cached;
        if (signalCache.Count >= CacheLimit) signalCache.Clear();
        var signals = PassageSignals.Of(chunk, sentences);
        signalCache[key] = signals;
        return signals;
    }
}
