namespace Bot.Retrieval.Evaluation;

/// <summary>How one question went: the 1-based rank of the first relevant result (0 if none in the top k), and more.</summary>
public sealed record EvalOutcome(
    EvalQuestion Question, int FirstRelevantRank, double Ndcg, bool Found, bool AnswerHit, double LatencyMs, string AnswerText);
