namespace Bot.Retrieval.Evaluation;

/// <summary>How one question went: the 1-based rank of the first relevant result (0 if none in the top k), and more.</summary>
public sealed record EvalOutcome(
    EvalQuestion Question, int FirstRelevantRank, double Ndcg, bool Found, bool AnswerHit, double LatencyMs, string AnswerText)
{
    /// <summary>
    /// Token F1 of the short answer against the gold strings (of the answer where it has no short answer; 0 when not found).
    /// </summary>
    public double ShortAnswerF1 { get; init; }

    /// <summary>1 when the short answer (or the answer where it has none) is exactly a gold string.</summary>
    public double ShortAnswerExactMatch { get; init; }

    /// <summary>True when the answer's first citation holds a gold string.</summary>
    public bool CitationHolds { get; init; }

    /// <summary>The answer's length in characters (0 when not found).</summary>
    public int AnswerChars { get; init; }
}
