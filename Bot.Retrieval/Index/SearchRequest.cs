namespace Bot.Retrieval.Index;

/// <summary>A question as the index sees it: analyzed terms and a vector, and how many candidates of each kind to return.</summary>
public sealed record SearchRequest(IReadOnlyList<string> Terms, float[] Vector, int LexicalTop = 50, int DenseTop = 50);
