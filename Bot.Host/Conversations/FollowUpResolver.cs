using System.Text;
using System.Text.RegularExpressions;
using Bot.Host.Answering;
using Bot.Host.Logging;
using Bot.Retrieval.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Bot.Host.Conversations;

/// <summary>
/// Turns a follow-up ("ал оның ұзындығы қанша?", "ал Шымкент зауыты ше?") into a question that stands alone. With an
/// LLM configured, the model rewrites it from the last turns; without one (or when the model fails) the previous
/// question's words are carried: its names for a question that points back with a pronoun, all of its content words
/// for an elliptical "… ше?".
/// </summary>
public sealed partial class FollowUpResolver(
    KazakhAnalyzer analyzer,
    IOptions<AnsweringOptions> answering,
    ILogger<FollowUpResolver> logger,
    IChatCompletionService? chat = null)
{
    private static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal)
    {
        "ол", "оның", "оны", "онда", "одан", "оған", "онымен", "олар", "олардың", "оларды", "оларға", "бұл", "бұның", "мұның", "мұны",
        "осы", "осының", "сол", "соның", "сонда", "содан", "его", "её", "ее", "их", "он", "она", "оно", "они", "там", "тогда", "этот", "эта", "это",
    };

    // Content terms from which an "ал …" question is taken to name its own topic.
    private const int OwnTopicTerms = 3;

    private const string RewritePrompt =
        "Пайдаланушының соңғы сұрағын әңгімені ескеріп, өз алдына түсінікті толық сұраққа айналдыр. " +
        "Тек сұрақтың өзін қазақ тілінде бір жолмен жаз; жауап берме, түсініктеме қоспа.";

    /// <summary>True when the question leans on the one before: it opens with "ал"/"а", ends with "ше?", or points back with a pronoun.</summary>
    public static bool IsFollowUp(string question)
    {
        var words = Words(question);
        if (words.Count == 0) return false;
        return words[0] is "ал" or "а" || Elliptical(question) || words.Any(Pronouns.Contains);
    }

    private static List<string> Words(string question) => Word().Matches(question.ToLowerInvariant()).Select(m => m.Value).ToList();

    public async Task<string> StandaloneAsync(IReadOnlyList<ConversationMemory.Turn> history, string question, CancellationToken cancellationToken)
    {
        if (history.Count == 0 || !IsFollowUp(question)) return question;
        if (chat is not null)
        {
            try
            {
                var rewritten = await RewriteAsync(chat, history, question, cancellationToken);
                if (rewritten is not null)
                {
                    logger.FollowUpRewritten();
                    return rewritten;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.FollowUpNotRewritten(ex.Message);
            }
        }

        return Carry(question, history[^1].Question);
    }

    /// <summary>
    /// The follow-up with the previous question's words it lacks: names after a pronoun, every content word after "… ше?".
    /// A question that only opens with "ал" and names a topic of its own ("Ал бірінші бесжылдық қашан басталды?") stands
    /// alone: the previous question's names would pull the search to the last topic.
    /// </summary>
    public string Carry(string question, string previous)
    {
        var present = analyzer.Terms(question).ToHashSet(StringComparer.Ordinal);
        bool elliptical = Elliptical(question);
        if (!elliptical && !Words(question).Any(Pronouns.Contains) && present.Count >= OwnTopicTerms) return question;
        bool all = elliptical || !analyzer.Words(question).Any(analyzer.IsQuestionWord);
        var carried = new List<string>();
        foreach (Match token in Word().Matches(previous))
        {
            var word = token.Value;
            var folded = analyzer.Words(word).FirstOrDefault();
            if (folded is null || analyzer.IsStopWord(folded) || analyzer.IsQuestionWord(folded)) continue;
            if (!all && !char.IsUpper(word[0]) && !word.Any(char.IsDigit)) continue;
            var terms = analyzer.Terms([folded]);
            if (terms.Count == 0 || terms.All(present.Contains)) continue;
            foreach (var term in terms) present.Add(term);
            carried.Add(word);
        }

        return carried.Count == 0 ? question : question.TrimEnd() + " " + string.Join(' ', carried);
    }

    private async Task<string?> RewriteAsync(IChatCompletionService chat, IReadOnlyList<ConversationMemory.Turn> history, string question, CancellationToken cancellationToken)
    {
        var transcript = new StringBuilder();
        foreach (var turn in history) transcript.Append($"Пайдаланушы: {turn.Question}\nБот: {Shorten(turn.Answer)}\n");
        var messages = new ChatHistory(RewritePrompt);
        messages.AddUserMessage($"Әңгіме:\n{transcript}\nСоңғы сұрақ: {question}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Min(20, answering.Value.TimeoutSeconds)));
        var reply = await chat.GetChatMessageContentAsync(messages, new OpenAIPromptExecutionSettings { MaxTokens = 120, Temperature = 0 },
            cancellationToken: timeout.Token);
        var text = reply.Content?.Trim().Trim('"', '«', '»').Trim() ?? "";
        // One short line, or it is not a question rewritten: the carried words are used instead.
        return text.Length is > 0 and <= 400 && !text.Contains('\n') ? text : null;
    }

    private static string Shorten(string answer) => answer.Length > 400 ? answer[..400] + "…" : answer;

    private static bool Elliptical(string question) => ElliptialEnding().IsMatch(question);

    [GeneratedRegex(@"\p{L}[\p{L}\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?i)\bше\s*[?!.]*\s*$")]
    private static partial Regex ElliptialEnding();
}
