namespace Bot.Host.Telegram.Polling;

/// <summary>An update that can never be handled (it cannot be decoded, or lacks what every update of its kind has): set aside, not retried.</summary>
public sealed class PoisonedUpdateException(string reason) : Exception(reason);
