namespace Bot.Retrieval.Index;

/// <summary>A document as the index knows it.</summary>
public sealed record IndexedDocument(string Id, string Title, string Source, string ContentHash, int ChunkCount);
