using System.Text.Json;
using Bot.Host.Conversations;
using Bot.Host.Formatting;
using Bot.Host.Knowledge;
using Bot.Host.Telegram.Polling;
using Bot.Host.Telegram.Sending;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Host.Telegram.Handling;

/// <summary>
/// One update in, the right reply out. Private chat: any text is a question. Groups: /ask, /ask@bot, a mention or a reply
/// to the bot; everything else there is ignored. Admin commands only from configured numeric ids, in private chat.
/// </summary>
public sealed partial class UpdateHandler(
    ITelegramBotClient bot,
    TelegramSender sender,
    KnowledgeService knowledge,
    AdminCommands admin,
    VoiceQuestions voice,
    SourcePassages passages,
    BotIdentity identity,
    UserQuestionLimiter questionLimiter,
    ConversationMemory conversations,
    FollowUpResolver followUps,
    Feedback.FeedbackStore feedback,
    IOptions<TelegramOptions> telegramOptions,
    IOptions<KnowledgeOptions> knowledgeOptions,
    TimeProvider time,
    ILogger<UpdateHandler> logger)
{
    public async Task HandleAsync(string json, CancellationToken cancellationToken)
    {
        var update = Decode(json);
        switch (update)
        {
            case { Message: { } message }:
                await HandleMessageAsync(message, cancellationToken);
                break;
            case { CallbackQuery: { } query }:
                await HandleCallbackAsync(query, cancellationToken);
                break;
            default:
                // Edited messages, channel posts, membership changes, unknown kinds: nothing to answer.
                logger.UpdateIgnored(update?.Id, update?.Type);
                break;
        }
    }

    /// <summary>
    /// One update as the library reads it, checked for what handling relies on; <see cref="PoisonedUpdateException"/>
    /// when it cannot be read. The reason names the field, never its value: an update holds what a user wrote.
    /// </summary>
    public static Update Decode(string json)
    {
        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(json, global::Telegram.Bot.JsonBotAPI.Options);
        }
        catch (JsonException ex)
        {
            throw new PoisonedUpdateException($"it cannot be decoded at {ex.Path ?? "$"}");
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new PoisonedUpdateException($"it cannot be decoded ({ex.GetType().Name})");
        }

        if (update is null) throw new PoisonedUpdateException("it is null");
        foreach (var (message, field) in new[] { (update.Message, "message"), (update.EditedMessage, "edited_message"), (update.ChannelPost, "channel_post") })
        {
            if (message is not null && message.Chat is null) throw new PoisonedUpdateException($"its {field} has no chat");
        }

        if (update.CallbackQuery is { } query && (query.From is null || query.Id is null)) throw new PoisonedUpdateException("its callback_query has no sender or id");
        if (update.CallbackQuery?.Message is { Chat: null }) throw new PoisonedUpdateException("its callback_query message has no chat");
        return update;
    }

    private async Task HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        bool isPrivate = message.Chat.Type == ChatType.Private;
        bool isGroup = TelegramRoutes.IsGroup(message.Chat);
        if (!isPrivate && !isGroup) return;
        var target = new TelegramSender.Target(message.Chat.Id, isGroup,
            message.IsTopicMessage ? message.MessageThreadId : null, isGroup ? message.Id : null);

        // A photo an admin sends is a page to read (OCR), as the same picture sent as a file would be: its largest size.
        if (message.Document is null && message.Photo is { Length: > 0 } sizes && isPrivate && IsAdmin(message))
        {
            var largest = sizes.OrderByDescending(p => (long)p.Width * p.Height).First();
            await admin.UploadAsync(message, new Document { FileId = largest.FileId, FileUniqueId = largest.FileUniqueId, FileSize = largest.FileSize,
                FileName = $"photo-{largest.FileUniqueId}.jpg", MimeType = "image/jpeg" }, target, cancellationToken);
            return;
        }

        // A voice message or audio file: in private chat a question; in a group, a reply to the bot or one whose caption names it.
        if (VoiceQuestions.Of(message) is { } audio)
        {
            bool addressed = isPrivate || message.ReplyToMessage?.From?.Id == identity.Id && identity.Id != 0 ||
                             TelegramRoutes.CaptionNames(message, identity.Username);
            if (!addressed || message.From is null || !await WithinLimitAsync(message, target, cancellationToken)) return;
            if (await voice.TranscribeAsync(audio, message.From.Id, target, cancellationToken) is { } heard)
                await AnswerAsync(message, heard, target, cancellationToken, limitChecked: true);
            return;
        }

        if (message.Document is { } document)
        {
            if (!isPrivate) return;
            if (!IsAdmin(message))
            {
                Audit(message, "upload", "refused: not an admin");
                await sender.SendTextAsync(target, Messages.AdminOnly, cancellationToken);
                return;
            }

            await admin.UploadAsync(message, document, target, cancellationToken);
            return;
        }

        var text = message.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (isPrivate && message.From is not null) await sender.SendTextAsync(target, Messages.TextOnly, cancellationToken);
            return;
        }

        var command = TelegramRoutes.Command(message, text, identity.Username);
        if (command is { } c)
        {
            await HandleCommandAsync(message, c.Command, c.Arguments, isPrivate, target, cancellationToken);
            return;
        }

        if (text.StartsWith('/') && isGroup) return; // a command for another bot, or one Telegram did not mark
        if (isPrivate)
        {
            await AnswerAsync(message, text, target, cancellationToken);
            return;
        }

        var mentioned = TelegramRoutes.WithoutMention(message, text, identity.Username);
        if (mentioned is not null)
        {
            if (mentioned.Length == 0) await sender.SendTextAsync(target, string.Format(Messages.AskUsage, identity.Username), cancellationToken);
            else await AnswerAsync(message, mentioned, target, cancellationToken);
            return;
        }

        if (message.ReplyToMessage?.From?.Id == identity.Id && identity.Id != 0) await AnswerAsync(message, text, target, cancellationToken);
    }

    private async Task HandleCommandAsync(Message message, string command, string arguments, bool isPrivate, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case "start":
                await sender.SendTextAsync(target, Messages.Start(await knowledge.ManifestAsync(cancellationToken),
                    telegramOptions.Value.ExampleQuestions, isPrivate, identity.Username), cancellationToken);
                return;
            case "help":
                var limits = telegramOptions.Value;
                await sender.SendTextAsync(target, Messages.Help(isPrivate, isPrivate && IsAdmin(message), limits.MaxUploadBytes,
                    limits.UserQuestionsPerMinute, identity.Username, voice.Enabled ? voice.MaxSeconds : null), cancellationToken);
                return;
            case "ask":
                if (arguments.Length == 0) await sender.SendTextAsync(target, string.Format(Messages.AskUsage, identity.Username), cancellationToken);
                else await AnswerAsync(message, arguments, target, cancellationToken);
                return;
            case "reindex" or "docs" or "remove" or "stats" or "gaps" or "teach":
                if (!isPrivate) return; // admin commands are private: in a group they are not even acknowledged
                if (!IsAdmin(message))
                {
                    Audit(message, command, "refused: not an admin");
                    await sender.SendTextAsync(target, Messages.AdminOnly, cancellationToken);
                    return;
                }

                await admin.RunAsync(message, command, arguments, target, cancellationToken);
                return;
            default:
                if (isPrivate) await sender.SendTextAsync(target, Messages.UnknownCommand, cancellationToken);
                return;
        }
    }

    // One question a minute's allowance: past it the user is told once, then ignored until the minute turns.
    private async Task<bool> WithinLimitAsync(Message message, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        var asker = message.From?.Id ?? message.SenderChat?.Id ?? message.Chat.Id;
        switch (questionLimiter.Check(asker))
        {
            case UserQuestionLimiter.Verdict.WarnOnce:
                await sender.SendTextAsync(target, Messages.Busy, cancellationToken);
                return false;
            case UserQuestionLimiter.Verdict.Silent:
                return false;
            default:
                return true;
        }
    }

    private async Task AnswerAsync(Message message, string question, TelegramSender.Target target, CancellationToken cancellationToken, bool limitChecked = false)
    {
        if (!limitChecked && !await WithinLimitAsync(message, target, cancellationToken)) return;
        if (!question.Any(char.IsLetterOrDigit))
        {
            await sender.SendTextAsync(target, Messages.EmptyQuestion, cancellationToken); // emoji, punctuation, invisible characters
            return;
        }

        await sender.TypingAsync(target, cancellationToken);
        // A private chat is one conversation; in a group, a reply to one of the bot's answers continues that answer's thread.
        var chat = message.Chat.Id;
        bool isPrivate = message.Chat.Type == ChatType.Private;
        var key = isPrivate ? $"c:{chat}" : message.ReplyToMessage is { } replied && replied.From?.Id == identity.Id ? $"m:{chat}:{replied.Id}" : null;
        var standalone = await followUps.StandaloneAsync(conversations.History(key), question, cancellationToken);
        if (standalone != question) logger.FollowUpStandalone(chat);
        StreamingReply? stream = null;
        if (telegramOptions.Value.StreamAnswers && knowledge.CanStream)
        {
            var interval = TimeSpan.FromSeconds(Math.Max(telegramOptions.Value.StreamEditSeconds, isPrivate ? 0 : 3.2));
            stream = new StreamingReply(bot, sender, target, interval, time, logger);
        }

        AnswerResult result;
        try
        {
            result = await knowledge.AskAsync(standalone, null, stream is null ? null : stream.OnPartialAsync, cancellationToken);
        }
        catch (Bot.Retrieval.Index.IndexUnavailableException ex)
        {
            logger.QuestionUnanswerable(chat, ex.Message);
            await sender.SendTextAsync(target, Messages.IndexUnavailable, cancellationToken);
            return;
        }

        var messages = TelegramHtml.Render(TelegramHtml.Answer(result, knowledgeOptions.Value.MaxQuestionChars));
        // Every question is kept for /gaps, answered or not; an answer gets 👍/👎 under its source buttons.
        var answerId = feedback.RecordAnswer(chat, isPrivate ? "private" : "group", question, result.Answer);
        InlineKeyboardMarkup? keyboard = null;
        if (result.Answer.Found && result.Answer.Citations.Count > 0)
        {
            var now = time.GetUtcNow();
            keyboard = new InlineKeyboardMarkup(
            [
                result.Answer.Citations.Select(c => InlineKeyboardButton.WithCallbackData(Messages.SourceButton(c.N),
                    "p:" + passages.SavePassage(message.Chat.Id, c.Title, Messages.SourceLine(c), c.Text, now))).ToArray(),
                [InlineKeyboardButton.WithCallbackData(Messages.VoteUp, $"v:{answerId}:u"), InlineKeyboardButton.WithCallbackData(Messages.VoteDown, $"v:{answerId}:d")],
            ]);
        }

        var sent = stream is null
            ? await sender.SendAsync(target, messages, keyboard, cancellationToken)
            : await stream.FinishAsync(messages, keyboard, cancellationToken);
        var keys = isPrivate ? [$"c:{chat}"] : sent?.Select(id => $"m:{chat}:{id}").ToList() ?? [];
        conversations.Remember(keys, standalone, result.Answer.Found ? result.Answer.Text : "");
    }

    private bool IsAdmin(Message message) =>
        message.Chat.Type == ChatType.Private && message.SenderChat is null && message.From is { IsBot: false } from &&
        !TelegramRoutes.ServiceAccounts.Contains(from.Id) && telegramOptions.Value.AdminUserIds.Contains(from.Id);

    private void Audit(Message message, string action, string result) =>
        logger.AdminAction(action, message.From?.Id, message.Chat.Id, result);
}
