using Bot.Retrieval.Answering;

namespace Bot.Host.Knowledge;

/// <summary>An answer with how long each step took and whether the question had to be shortened.</summary>
public sealed record AnswerResult(Answer Answer, double RetrieveMs, double AnswerMs, bool Truncated)
{
    public double TotalMs => RetrieveMs + AnswerMs;

    /// <summary>The question was read as Russian, and searched and answered as the Kazakh question <see cref="SearchedAs"/>.</summary>
    public bool ReadAsRussian { get; init; }

    public string? SearchedAs { get; init; }
}
