namespace Bot.Retrieval.Index;

/// <summary>
/// A question as the index sees it: analyzed terms and a vector, and how many candidates of each kind to return. With
/// <see cref="DenseOverLexical"/> the vector scores only the lexical candidates, when there are at least ten of them (an
/// index may always search all).
/// </summary>
public sealed record SearchRequest(IReadOnlyList<string> Terms, float[] Vector, int LexicalTop = 50, int DenseTop = 50)
{
    public bool DenseOverLexical { get; init; }
}
