using System.ClientModel;
using System.ClientModel.Primitives;
using Bot.Host.Logging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

// Microsoft.Extensions.AI marks its speech-to-text abstraction experimental (MEAI001). It is used in this file only, so
// a change to it touches nothing else.
#pragma warning disable MEAI001

namespace Bot.Host.Speech;

/// <summary>
/// Audio in, the words out, through Microsoft.Extensions.AI's <see cref="ISpeechToTextClient"/> over an
/// OpenAI-compatible endpoint. Every failure is an outcome, never an exception: the chat gets a Kazakh line for each.
/// The API key is in the client only; failures are logged by their kind and status, never with the request.
/// </summary>
public sealed class SpeechTranscriber : IDisposable
{
    public enum Outcome
    {
        Text,

        /// <summary>The provider answered with no words (silence, noise).</summary>
        Empty,

        /// <summary>The provider refused, failed or could not be reached.</summary>
        Failed,

        /// <summary>No answer within Speech:TimeoutSeconds.</summary>
        TimedOut,
    }

    public readonly record struct Transcript(Outcome Outcome, string Text);

    private readonly SpeechOptions options;
    private readonly ISpeechToTextClient? client;
    private readonly ILogger<SpeechTranscriber> logger;

    public SpeechTranscriber(IOptions<SpeechOptions> options, ILogger<SpeechTranscriber> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        client = this.options.Enabled ? Create(this.options) : null;
    }

    public SpeechOptions Options => options;

    public bool Enabled => client is not null;

    /// <summary>
    /// The transcript of <paramref name="audio"/>. A <see cref="FileStream"/> is sent under its file's name, whose
    /// extension (.ogg, .mp3, .m4a) tells the provider the format.
    /// </summary>
    public async Task<Transcript> TranscribeAsync(Stream audio, CancellationToken cancellationToken)
    {
        if (client is null) throw new InvalidOperationException("Speech:Provider is None: voice is not enabled.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            var response = await client.GetTextAsync(audio, new SpeechToTextOptions
            {
                ModelId = options.Model,
                SpeechLanguage = options.Language.Length > 0 ? options.Language : null,
            }, timeout.Token);
            var text = Clean(response.Text);
            return text.Any(char.IsLetterOrDigit) ? new Transcript(Outcome.Text, text) : new Transcript(Outcome.Empty, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.SpeechTimedOut(options.TimeoutSeconds);
            return new Transcript(Outcome.TimedOut, "");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The SDK's message may quote the provider's reply; the status and the kind are what an operator needs.
            logger.SpeechFailed(ex.GetType().Name,
                ex is ClientResultException { Status: > 0 } http ? $", HTTP {http.Status}" : "");
            return new Transcript(Outcome.Failed, "");
        }
    }

    // One line of words: a transcript's line breaks, repeated spaces and control characters do not make a question.
    private static string Clean(string? text) =>
        string.Concat(string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Where(c => !char.IsControl(c)));

    // Retries are ours to decide (a failed transcription asks the user to type), so the client's own are off; the
    // request timeout is enforced above, and the network timeout here is only a backstop.
    private static ISpeechToTextClient Create(SpeechOptions options)
    {
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint ?? "https://api.openai.com/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5),
        });
        return client.GetAudioClient(options.Model).AsISpeechToTextClient();
    }

    public void Dispose() => client?.Dispose();
}
