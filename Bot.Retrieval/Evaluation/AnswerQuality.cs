namespace Bot.Retrieval.Evaluation;

/// <summary>
/// The answer a user reads, over a set of answerable questions, as `Bot.Bench -- answers` measures it for the extractive
/// answerer: the share whose answer holds a gold string and the token F1 of the short answer (each with a 95 % bootstrap
/// interval over questions), exact match, wrongful "not found" when the first result is relevant, the share of answers
/// whose first citation holds a gold string, and the mean answer length. Whatever answerer is configured (an LLM too)
/// is measured the same way.
/// </summary>
public sealed record AnswerQuality(
    int Questions, BootstrapInterval Containment, BootstrapInterval ShortAnswerF1, double ShortAnswerExactMatch,
    int RelevantFirst, double NotFoundWhenRelevantFirst, int Answered, double FirstCitationHolds, double MeanAnswerChars)
{
    public static AnswerQuality From(IReadOnlyList<EvalOutcome> answerable)
    {
        var relevantFirst = answerable.Where(o => o.FirstRelevantRank == 1).ToList();
        var answered = answerable.Where(o => o.Found).ToList();
        return new AnswerQuality(
            answerable.Count,
            Bootstrap.Mean(answerable.Select(o => o.AnswerHit ? 1.0 : 0).ToList()),
            Bootstrap.Mean(answerable.Select(o => o.ShortAnswerF1).ToList()),
            answerable.Count == 0 ? 0 : answerable.Average(o => o.ShortAnswerExactMatch),
            relevantFirst.Count,
            relevantFirst.Count == 0 ? 0 : relevantFirst.Count(o => !o.Found) / (double)relevantFirst.Count,
            answered.Count,
            answered.Count == 0 ? 0 : answered.Count(o => o.CitationHolds) / (double)answered.Count,
            answered.Count == 0 ? 0 : answered.Average(o => o.AnswerChars));
    }
}
