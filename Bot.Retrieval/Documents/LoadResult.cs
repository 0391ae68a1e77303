namespace Bot.Retrieval.Documents;

/// <summary>The documents read from a folder and what could not be read.</summary>
public sealed record LoadResult(IReadOnlyList<Document> Documents, IReadOnlyList<string> Problems);
