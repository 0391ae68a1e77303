using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microsoft.Extensions.Options;

namespace Bot.Host.Telegram.Sending;

/// <summary>
/// Every message the bot sends goes through here: rate-limited per chat, per group and globally; a 429 pauses the chat
/// for retry_after and the message still goes; markup Telegram rejects is resent as plain text; link previews are off;
/// 5xx and network errors are retried a bounded number of times.
/// </summary>
public sealed class TelegramSender(ITelegramBotClient bot, SendRateLimiter limiter, IOptions<TelegramOptions> options, TimeProvider time, ILogger<TelegramSender> logger)
{
    private static readonly TimeSpan MaxTotalWait = TimeSpan.FromMinutes(30);

    /// <summary>Sends the messages in order; the keyboard goes with the last one. Returns their ids, or null if Telegram refused the chat.</summary>
    public async Task<IReadOnlyList<int>?> SendAsync(Target target, IReadOnlyList<TelegramHtml.Rendered> messages, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        var ids = new List<int>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            var markup = i == messages.Count - 1 ? keyboard : null;
            if (await SendOneAsync(target, messages[i], markup, cancellationToken) is not { } id) return null;
            ids.Add(id);
        }

        return ids;
    }

    public async Task<bool> SendTextAsync(Target target, string plainText, CancellationToken cancellationToken) =>
        await SendAsync(target, TelegramHtml.Render([new TelegramHtml.Block(plainText)]), null, cancellationToken) is not null;

    /// <summary>"typing…" while an answer is prepared; best effort, never retried.</summary>
    public async Task TypingAsync(Target target, CancellationToken cancellationToken)
    {
        try
        {
            await bot.SendChatAction(target.ChatId, ChatAction.Typing, target.ThreadId, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is ApiRequestException or RequestException or HttpRequestException)
        {
            logger.TypingFailed(target.ChatId, ex.Message);
        }
    }

    private async Task<int?> SendOneAsync(Target target, TelegramHtml.Rendered message, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        bool html = true;
        int transient = 0;
        var chatId = target.ChatId;
        int? thread = target.ThreadId;
        while (true)
        {
            await limiter.ReserveAsync(chatId, target.IsGroup, cancellationToken);
            try
            {
                var sent = await bot.SendMessage(
                    chatId,
                    html ? message.Html : message.Plain,
                    parseMode: html ? ParseMode.Html : ParseMode.None,
                    replyParameters: target.ReplyTo is { } replyTo ? new ReplyParameters { MessageId = replyTo, AllowSendingWithoutReply = true } : null,
                    replyMarkup: keyboard,
                    linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                    messageThreadId: thread,
                    cancellationToken: cancellationToken);
                return sent.Id;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 5));
                if (time.GetUtcNow() - started + retryAfter > MaxTotalWait) throw;
                logger.ChatPaused(chatId, retryAfter.TotalSeconds);
                limiter.Pause(chatId, retryAfter + TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250)));
            }
            catch (ApiRequestException ex) when (html && ex.ErrorCode == 400 && ex.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase))
            {
                logger.MarkupRejected(chatId, ex.Message);
                html = false;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Parameters?.MigrateToChatId is { } newChat && newChat != chatId)
            {
                logger.ChatMigrated(chatId, newChat);
                chatId = newChat;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && thread is not null && ex.Message.Contains("thread", StringComparison.OrdinalIgnoreCase))
            {
                thread = null; // the topic was closed or deleted: answer in the chat itself
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is 403)
            {
                logger.ChatRefused(chatId, ex.Message);
                return null;
            }
            catch (Exception ex) when (IsTransient(ex) && transient < options.Value.SendRetries && !cancellationToken.IsCancellationRequested)
            {
                transient++;
                var delay = TimeSpan.FromSeconds(Math.Pow(2, transient - 1)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 300));
                logger.SendRetried(chatId, ex.Message, transient, Math.Round(delay.TotalSeconds, 1));
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is ApiRequestException { ErrorCode: >= 500 } || ex is RequestException and not ApiRequestException || ex is HttpRequestException ||
        ex is TaskCanceledException { InnerException: TimeoutException };

    /// <summary>Where a reply goes: the chat, the forum topic, and the message it answers.</summary>
    public sealed record Target(long ChatId, bool IsGroup, int? ThreadId = null, int? ReplyTo = null);
}
