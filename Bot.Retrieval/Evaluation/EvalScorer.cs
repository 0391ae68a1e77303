using Bot.Retrieval.Answering;

namespace Bot.Retrieval.Evaluation;

/// <summary>Scores one answer against its question: relevance ranks, nDCG@k (binary gain), answer hit.</summary>
public static class EvalScorer
{
    public static EvalOutcome Score(EvalQuestion question, Answer answer, double latencyMs, int k)
    {
        var relevance = Relevances(question, answer, Math.Max(k, 20));
        int first = relevance.FindIndex(r => r) + 1;
        int relevantTotal = question.GoldDocumentIds.Count > 0 ? question.GoldDocumentIds.Count : question.Evidence is null ? 0 : 1;
        double dcg = 0, idcg = 0;
        for (int i = 0; i < Math.Min(k, relevance.Count); i++) if (relevance[i]) dcg += 1 / Math.Log2(i + 2);
        for (int i = 0; i < Math.Min(relevantTotal, k); i++) idcg += 1 / Math.Log2(i + 2);
        bool answerHit = answer.Found && question.Answers.Any(a => EvalText.Contains(answer.Text, a));
        return new EvalOutcome(question, first, idcg == 0 ? 0 : dcg / idcg, answer.Found, answerHit, latencyMs, answer.Text);
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
