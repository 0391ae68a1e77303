using Bot.Retrieval.Search;

namespace Bot.Retrieval.Answering.Learning;

/// <summary>One sentence of a retrieved chunk that could answer the question, with the signals the model reads.</summary>
internal sealed record SentenceCandidate(SearchHit Hit, int Order, string Text, IReadOnlySet<string> Terms, double[] Features);
