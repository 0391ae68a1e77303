namespace Bot.Retrieval.Evaluation;

/// <summary>Metrics over a set of outcomes, overall and per group (variant or subject).</summary>
public sealed record EvalReport(string Group, int Questions, int Answerable, double Recall1, double Recall5, double Recall10, double Recall20,
    double Mrr10, double Ndcg10, double AnswerHitRate, int AnswerHits, int HitsAt5, double AbstentionAccuracy, double LatencyP50Ms, double LatencyP95Ms)
{
    public static EvalReport From(string group, IReadOnlyList<EvalOutcome> outcomes)
    {
        var answerable = outcomes.Where(o => !o.Question.Unanswerable).ToList();
        double Rate(Func<EvalOutcome, bool> ok) => answerable.Count == 0 ? 0 : answerable.Count(ok) / (double)answerable.Count;
        double Recall(int k) => Rate(o => o.FirstRelevantRank is > 0 && o.FirstRelevantRank <= k);
        var abstained = outcomes.Count(o => o.Question.Unanswerable ? !o.Found : o.Found);
        var latencies = outcomes.Select(o => o.LatencyMs).Order().ToList();
        return new EvalReport(group, outcomes.Count, answerable.Count, Recall(1), Recall(5), Recall(10), Recall(20),
            answerable.Count == 0 ? 0 : answerable.Average(o => o.FirstRelevantRank is > 0 and <= 10 ? 1.0 / o.FirstRelevantRank : 0),
            answerable.Count == 0 ? 0 : answerable.Average(o => o.Ndcg),
            Rate(o => o.AnswerHit), answerable.Count(o => o.AnswerHit), answerable.Count(o => o.FirstRelevantRank is > 0 and <= 5),
            outcomes.Count == 0 ? 0 : abstained / (double)outcomes.Count,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95))
        {
            Answers = AnswerQuality.From(answerable),
        };
    }

    /// <summary>
    /// The answer a user reads, over the answerable questions: containment, the short answer, refusals, citations, length.
    /// </summary>
    public AnswerQuality Answers { get; init; } = AnswerQuality.From([]);

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
