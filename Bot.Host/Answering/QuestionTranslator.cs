using Bot.Host.Logging;
using Bot.Retrieval.Text.Russian;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Bot.Host.Answering;

/// <summary>
/// With an LLM configured, a Russian question is translated into Kazakh before search; without one, or when the model
/// fails, is slow, or answers with something that is not one Kazakh line, the word bridge does it instead (null here).
/// </summary>
public sealed class QuestionTranslator(IOptions<AnsweringOptions> answering, ILogger<QuestionTranslator> logger, IChatCompletionService? chat = null)
{
    private const string Prompt =
        "Пайдаланушының сұрағын қазақ тіліне аудар. Тек аударылған сұрақтың өзін бір жолмен жаз; жауап берме, түсініктеме қоспа. " +
        "Адам аттары мен жер атауларын қазақша жаз (Турксиб — Түрксіб), сандарды өзгертпе.";

    public async Task<string?> ToKazakhAsync(string russian, CancellationToken cancellationToken)
    {
        if (chat is null) return null;
        try
        {
            var messages = new ChatHistory(Prompt);
            messages.AddUserMessage(russian);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Min(20, answering.Value.TimeoutSeconds)));
            var reply = await chat.GetChatMessageContentAsync(messages, new OpenAIPromptExecutionSettings { MaxTokens = 120, Temperature = 0 },
                cancellationToken: timeout.Token);
            var text = reply.Content?.Trim().Trim('"', '«', '»').Trim() ?? "";
            // One short Kazakh line, or it is not the question translated.
            if (text.Length is > 0 and <= 400 && !text.Contains('\n') && !RussianBridge.Default.IsRussian(text)) return text;
            logger.TranslationNotOneLine();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.TranslationFailed(ex.GetType().Name);
        }

        return null;
    }
}
