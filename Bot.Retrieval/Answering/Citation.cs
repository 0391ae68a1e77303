namespace Bot.Retrieval.Answering;

/// <summary>A numbered source the answer cites: which document, where in it, and the passage itself.</summary>
public sealed record Citation(int N, string DocumentId, string ChunkId, string Title, string Section, string Location, string Text, double Score);
