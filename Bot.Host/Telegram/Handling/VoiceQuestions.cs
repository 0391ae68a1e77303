using Bot.Host.Formatting;
using Bot.Host.Speech;
using Bot.Host.Telegram.Sending;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;

namespace Bot.Host.Telegram.Handling;

/// <summary>
/// A voice message or audio file from a user, turned into the question it asks: refused with the limit before any
/// download when it is too long or too large, downloaded to a temporary file (deleted after), transcribed, and shown as
/// "🎤 …" so the user can check what was heard. Every failure is a Kazakh line asking the user to type instead.
/// </summary>
public sealed class VoiceQuestions(ITelegramBotClient bot, TelegramSender sender, SpeechTranscriber speech, ILogger<VoiceQuestions> logger)
{
    /// <summary>The audio a message carries: its file, length in seconds (0 when unknown), size and the extension it is sent under.</summary>
    public readonly record struct Audio(string FileId, int Seconds, long? Size, string Extension);

    // What OpenAI's transcription endpoint takes (it reads the format from the file name); whisper.cpp and
    // faster-whisper read the bytes, so the name is only a hint there.
    private static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { ".flac", ".m4a", ".mp3", ".mp4", ".mpeg", ".mpga", ".oga", ".ogg", ".wav", ".webm" };

    public bool Enabled => speech.Enabled;

    public int MaxSeconds => speech.Options.MaxSeconds;

    /// <summary>The audio of a voice message, an audio file, or a document whose type is audio; null for anything else.</summary>
    public static Audio? Of(Message message) => message switch
    {
        { Voice: { } voice } => new Audio(voice.FileId, voice.Duration, voice.FileSize, ".ogg"), // Telegram's voice notes are Opus in Ogg
        { Audio: { } audio } => new Audio(audio.FileId, audio.Duration, audio.FileSize, ExtensionOf(audio.FileName, audio.MimeType)),
        { Document: { MimeType: { } mime } document } when mime.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) =>
            new Audio(document.FileId, 0, document.FileSize, ExtensionOf(document.FileName, mime)),
        _ => null,
    };

    /// <summary>The transcript, already shown to the user; null when the user was told why there is none.</summary>
    public async Task<string?> TranscribeAsync(Audio audio, long userId, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        var options = speech.Options;
        if (!speech.Enabled)
        {
            await sender.SendTextAsync(target, Messages.VoiceDisabled, cancellationToken);
            return null;
        }

        if (audio.Seconds > options.MaxSeconds)
        {
            logger.VoiceTooLong(userId, audio.Seconds);
            await sender.SendTextAsync(target, Messages.VoiceTooLong(options.MaxSeconds), cancellationToken);
            return null;
        }

        if (audio.Size is > 0 && audio.Size > options.MaxBytes)
        {
            logger.VoiceTooLarge(userId, audio.Size);
            await sender.SendTextAsync(target, Messages.VoiceTooLarge(options.MaxBytes), cancellationToken);
            return null;
        }

        await sender.TypingAsync(target, cancellationToken);
        // Only the file's extension is the user's: the name is ours, and the file is gone when this returns.
        var path = Path.Combine(Path.GetTempPath(), $"chatbot-voice-{Guid.NewGuid():N}{audio.Extension}");
        try
        {
            var downloaded = await TelegramDownload.ToFileAsync(bot, audio.FileId, path, options.MaxBytes, TimeSpan.FromSeconds(options.TimeoutSeconds), cancellationToken);
            if (downloaded != TelegramDownload.Outcome.Done)
            {
                logger.VoiceNotDownloaded(userId, downloaded.ToString());
                await sender.SendTextAsync(target, downloaded is TelegramDownload.Outcome.TooLarge or TelegramDownload.Outcome.GrewTooLarge
                    ? Messages.VoiceTooLarge(options.MaxBytes) : Messages.VoiceFailed, cancellationToken);
                return null;
            }

            SpeechTranscriber.Transcript transcript;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
                transcript = await speech.TranscribeAsync(stream, cancellationToken);

            logger.VoiceTranscribed(userId, transcript.Outcome.ToString(), transcript.Text.Length);
            switch (transcript.Outcome)
            {
                case SpeechTranscriber.Outcome.Text:
                    await sender.SendTextAsync(target, Messages.Heard(transcript.Text), cancellationToken);
                    return transcript.Text;
                case SpeechTranscriber.Outcome.Empty:
                    await sender.SendTextAsync(target, Messages.VoiceEmpty, cancellationToken);
                    return null;
                default:
                    await sender.SendTextAsync(target, Messages.VoiceFailed, cancellationToken);
                    return null;
            }
        }
        finally
        {
            try
            {
                System.IO.File.Delete(path);
            }
            catch (IOException ex)
            {
                logger.VoiceTemporaryKept(ex.Message);
            }
        }
    }

    private static string ExtensionOf(string? fileName, string? mime)
    {
        var extension = Path.GetExtension(fileName ?? "");
        if (Extensions.Contains(extension)) return extension.ToLowerInvariant();
        return (mime ?? "").ToLowerInvariant() switch
        {
            "audio/mpeg" or "audio/mp3" => ".mp3",
            "audio/mp4" or "audio/m4a" or "audio/x-m4a" or "audio/aac" => ".m4a",
            "audio/wav" or "audio/x-wav" or "audio/wave" => ".wav",
            "audio/webm" => ".webm",
            "audio/flac" or "audio/x-flac" => ".flac",
            _ => ".ogg", // audio/ogg, audio/opus, and what Telegram clients send unnamed
        };
    }
}
