namespace Bot.Retrieval.Text;

/// <summary>
/// A question analysed once, by the retriever, and carried with its search result to whoever weighs passages and
/// sentences after it: its words (<see cref="KazakhAnalyzer.Words"/>), its search stems and its precise stems.
/// </summary>
public sealed record AnalyzedQuestion(string Text, IReadOnlyList<string> Words, IReadOnlyList<string> Terms, IReadOnlyList<string> PreciseTerms);
