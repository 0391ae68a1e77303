namespace Bot.Host.Cli;

/// <summary>Part of the `ask --json` object.</summary>
public sealed record RetrievedJson(int Rank, string DocumentId, string ChunkId, double Score, string Text, double Relevance);
