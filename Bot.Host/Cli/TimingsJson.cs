namespace Bot.Host.Cli;

/// <summary>Part of the `ask --json` object.</summary>
public sealed record TimingsJson(double RetrieveMs, double AnswerMs, double TotalMs);
