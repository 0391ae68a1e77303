using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Speech;

/// <summary>
/// Voice questions, configuration away like the LLM: with <see cref="Provider"/> = OpenAI, a voice message or audio
/// file is sent to any OpenAI-compatible <c>/v1/audio/transcriptions</c> (whisper.cpp's server, faster-whisper-server,
/// OpenAI) and the transcript is answered as a question. Off by default: no speech model runs offline here. The API key
/// comes from the environment (Speech__ApiKey) or a secrets file, never from a committed file.
/// </summary>
public sealed class SpeechOptions : IValidatableObject
{
    public const string SectionName = "Speech";

    public SpeechProvider Provider { get; set; } = SpeechProvider.None;

    /// <summary>The base URL with its /v1 (default https://api.openai.com/v1).</summary>
    [Url(ErrorMessage = "Speech:Endpoint must be an absolute http(s) URL.")]
    public string? Endpoint { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "Speech:Model must name the transcription model (whisper-1 at OpenAI).")]
    public string Model { get; set; } = "whisper-1";

    public string? ApiKey { get; set; }

    /// <summary>The language hint sent with the audio (ISO 639-1); empty lets the model guess.</summary>
    [RegularExpression("^([a-z]{2,3})?$", ErrorMessage = "Speech:Language must be an ISO 639-1 code such as kk or ru, or empty.")]
    public string Language { get; set; } = "kk";

    /// <summary>Longer voice messages are refused before they are downloaded.</summary>
    [Range(1, 3600, ErrorMessage = "Speech:MaxSeconds must be between 1 and 3600.")]
    public int MaxSeconds { get; set; } = 120;

    /// <summary>Larger audio is refused before (or while) it is downloaded. Telegram lets a bot download at most 20 MB.</summary>
    [Range(1024, 20 * 1024 * 1024, ErrorMessage = "Speech:MaxBytes must be between 1024 and 20971520.")]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The download and the transcription together; past it the user is asked to type the question.</summary>
    [Range(1, 600, ErrorMessage = "Speech:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => Provider != SpeechProvider.None;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == SpeechProvider.OpenAI && string.IsNullOrWhiteSpace(Endpoint) && string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("Speech:ApiKey is required for OpenAI's own endpoint (set it in the environment: Speech__ApiKey), or set Speech:Endpoint to a local server.", [nameof(ApiKey)]);
    }
}

public enum SpeechProvider
{
    None,
    OpenAI,
}
