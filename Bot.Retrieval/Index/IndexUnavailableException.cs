namespace Bot.Retrieval.Index;

/// <summary>The index server cannot be reached just now (Qdrant down or restarting): ask again later, nothing is lost.</summary>
public sealed class IndexUnavailableException(string message, Exception inner) : Exception(message, inner);
