namespace Bot.Host.Telegram.Polling;

/// <summary>The inbox file is not a database, or fails its integrity check: the bot refuses to start rather than lose its place.</summary>
public sealed class InboxDamagedException(string path, string detail) : Exception(
    $"The Telegram inbox {Path.GetFullPath(path)} is damaged ({detail}). It holds the polling offset and updates not yet answered, " +
    "so the bot will not replace it silently. Restore it from a backup, or move it aside to start a new one: Telegram then " +
    "re-delivers only the updates it has not confirmed, and updates stored in the damaged file stay unanswered.");
