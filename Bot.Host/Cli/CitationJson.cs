namespace Bot.Host.Cli;

/// <summary>Part of the `ask --json` object.</summary>
public sealed record CitationJson(int N, string DocumentId, string Title, string Section, string Location, string Text, double Score);
