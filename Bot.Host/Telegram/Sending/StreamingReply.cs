using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Host.Telegram.Sending;

/// <summary>
/// An answer shown while the LLM writes it: one message, sent once there is something to show and edited at most every
/// interval, as plain text; at the end the checked answer replaces it, in HTML with its source buttons (or the
/// extractive answer, if the model's reply failed the checks). "Message is not modified" counts as success; a message
/// that can no longer be edited is replaced by a new one.
/// </summary>
public sealed class StreamingReply(ITelegramBotClient bot, TelegramSender sender, TelegramSender.Target target, TimeSpan interval, TimeProvider time, ILogger logger)
{
    private const int MinChars = 20;
    private const int MaxShownChars = 3500;
    private readonly SemaphoreSlim gate = new(1, 1);
    private int? messageId;
    private DateTimeOffset lastShown = DateTimeOffset.MinValue;
    private string shown = "";

    public async Task OnPartialAsync(string text)
    {
        if (text.Length < MinChars || time.GetUtcNow() - lastShown < interval || !await gate.WaitAsync(0)) return;
        try
        {
            var display = (text.Length > MaxShownChars ? text[..MaxShownChars] : text) + " …";
            if (messageId is null)
            {
                var ids = await sender.SendAsync(target, TelegramHtml.Render([new TelegramHtml.Block(display)]), null, CancellationToken.None);
                messageId = ids?.FirstOrDefault();
            }
            else
            {
                await EditAsync(TelegramHtml.Render([new TelegramHtml.Block(display)])[0], null, CancellationToken.None);
            }

            shown = display;
            lastShown = time.GetUtcNow();
        }
        catch (Exception ex) when (ex is ApiRequestException or RequestException or HttpRequestException)
        {
            logger.StreamingEditFailed(target.ChatId, ex.Message); // the final answer still comes
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The final answer: edited into the streamed message (after the interval), the rest sent; returns the message ids.</summary>
    public async Task<IReadOnlyList<int>?> FinishAsync(IReadOnlyList<TelegramHtml.Rendered> messages, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (messageId is not { } id) return await sender.SendAsync(target, messages, keyboard, cancellationToken);
            var wait = lastShown + interval - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            bool single = messages.Count == 1;
            if (!await TryFinalEditAsync(messages[0], single ? keyboard : null, cancellationToken))
                return await sender.SendAsync(target, messages, keyboard, cancellationToken); // the streamed message is gone: answer anew
            if (single) return [id];
            var rest = await sender.SendAsync(target, messages.Skip(1).ToList(), keyboard, cancellationToken);
            return rest is null ? [id] : [id, .. rest];
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> TryFinalEditAsync(TelegramHtml.Rendered message, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            try
            {
                await EditAsync(message, keyboard, cancellationToken);
                return true;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 3)), time, cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase))
            {
                message = message with { Html = TelegramHtml.Render([new TelegramHtml.Block(message.Plain)])[0].Html };
            }
            catch (Exception ex) when (ex is ApiRequestException or RequestException or HttpRequestException)
            {
                logger.StreamingFinalResent(target.ChatId, ex.Message);
                return false;
            }
        }

        return false;
    }

    private async Task EditAsync(TelegramHtml.Rendered message, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        try
        {
            await bot.EditMessageText(target.ChatId, messageId!.Value, message.Html, ParseMode.Html, replyMarkup: keyboard,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
        {
            // the text was already exactly this: success
        }
    }
}
