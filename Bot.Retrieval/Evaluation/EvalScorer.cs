using Bot.Retrieval.Answering;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Evaluation;

/// <summary>Scores one answer against its question: relevance ranks, nDCG@k (binary gain), answer hit.</summary>
public static class EvalScorer
{
    public static EvalOutcome Score(EvalQuestion question, Answer answer, double latencyMs, int k)
    {
        var relevance = Relevances(question, answer, Math.Max(k, 20));
        var (first, ndcg) = Rank(question, relevance, k);
        bool answerHit = answer.Found && question.Answers.Any(a => EvalText.Contains(answer.Text, a));
        if (!answer.Found) return new EvalOutcome(question, first, ndcg, false, false, latencyMs, answer.Text);
        // What the user reads first: the short answer, or the answer itself where it has none.
        var brief = answer.ShortAnswer ?? answer.Text;
        return new EvalOutcome(question, first, ndcg, true, answerHit, latencyMs, answer.Text)
        {
            ShortAnswerF1 = AnswerMetrics.TokenF1(brief, question.Answers),
            ShortAnswerExactMatch = AnswerMetrics.ExactMatch(brief, question.Answers),
            CitationHolds = answer.Citations.Count > 0 && AnswerMetrics.Contains(answer.Citations[0].Text, question.Answers),
            AnswerChars = answer.Text.Length,
        };
    }

    /// <summary>Scores a ranked list of document ids alone (for systems that retrieve but do not answer, such as a baseline).</summary>
    public static EvalOutcome ScoreRanking(EvalQuestion question, IReadOnlyList<string> documentIds, double latencyMs, int k)
    {
        var gold = question.GoldDocumentIds.ToHashSet(StringComparer.Ordinal);
        var relevance = documentIds.Distinct().Take(Math.Max(k, 20)).Select(gold.Contains).ToList();
        var (first, ndcg) = Rank(question, relevance, k);
        return new EvalOutcome(question, first, ndcg, documentIds.Count > 0, false, latencyMs, "");
    }

    private static (int First, double Ndcg) Rank(EvalQuestion question, List<bool> relevance, int k)
    {
        int first = relevance.FindIndex(r => r) + 1;
        int relevantTotal = question.GoldDocumentIds.Count > 0 ? question.GoldDocumentIds.Count : question.Evidence is null ? 0 : 1;
        double dcg = 0, idcg = 0;
        for (int i = 0; i < Math.Min(k, relevance.Count); i++) if (relevance[i]) dcg += 1 / Math.Log2(i + 2);
        for (int i = 0; i < Math.Min(relevantTotal, k); i++) idcg += 1 / Math.Log2(i + 2);
        return (first, idcg == 0 ? 0 : dcg / idcg);
    }

    // Passages ranked once each: KazQAD judges documents, so several chunks of one document count as that document once.
    private static List<bool> Relevances(EvalQuestion question, Answer answer, int k)
    {
        var hits = answer.Search.Hits;
        if (question.GoldDocumentIds.Count > 0)
        {
            var gold = question.GoldDocumentIds.ToHashSet(StringComparer.Ordinal);
            return hits.Select(h => h.Chunk.DocumentId).Distinct().Take(k).Select(gold.Contains).ToList();
        }

        if (question.Evidence is null) return [];
        return hits.Take(k).Select(h => EvalText.Contains(h.Chunk.Text, question.Evidence)).ToList();
    }
}
