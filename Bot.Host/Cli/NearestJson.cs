namespace Bot.Host.Cli;

/// <summary>
/// `ask --json`'s `nearest`, on a "not found" only: the sentence that came closest (with its [1]) and its source. It is
/// not an answer: `found` stays false and `answer` the "not found" message.
/// </summary>
public sealed record NearestJson(string Text, CitationJson Citation);
