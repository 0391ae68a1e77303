using Bot.Host.Formatting;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;

namespace Bot.Host.Telegram.Polling;

/// <summary>
/// Our own long-polling loop: getUpdates from the stored offset, every update written to the inbox in the same
/// transaction that moves the offset, then the dispatcher woken. Errors back off exponentially; 401 stops the host
/// with a non-zero exit; 409 (another poller or a webhook) is logged and backed off.
/// </summary>
public sealed class TelegramPoller(
    ITelegramBotClient bot,
    TelegramInbox inbox,
    BotIdentity identity,
    UpdateSignal signal,
    IOptions<TelegramOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<TelegramPoller> logger) : BackgroundService
{
    private static readonly string[] Wanted = ["message", "callback_query", "edited_message", "channel_post", "my_chat_member"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff();
        while (!stoppingToken.IsCancellationRequested && identity.Id == 0)
        {
            try
            {
                var me = await bot.GetMe(stoppingToken);
                identity.Set(me.Id, me.Username);
                logger.WorkerStarted(me.Username, me.Id);
                await RegisterCommandsAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!await HandleErrorAsync(ex, backoff, "getMe", stoppingToken)) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        backoff.Reset();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var updates = await bot.SendRequest(
                    new RawUpdatesRequest { Offset = inbox.Offset, Limit = 100, Timeout = options.Value.PollTimeoutSeconds, AllowedUpdates = Wanted },
                    stoppingToken);
                // Stored as sent and decoded one by one when handled: an update the library cannot read is set aside then,
                // instead of failing the whole batch here and holding the offset.
                var batch = updates.Select(RawUpdate.From).OfType<RawUpdate>().ToList();
                if (batch.Count < updates.Length) logger.UpdatesWithoutId(updates.Length - batch.Count);
                var added = inbox.StoreBatch(batch.Select(u => (u.UpdateId, u.ChatId, u.Json)).ToList(), time.GetUtcNow());
                if (added < batch.Count) logger.UpdatesRedelivered(batch.Count - added);
                if (added > 0) signal.Set();
                backoff.Reset();
                // A server that answers at once with nothing would otherwise turn this loop hot.
                if (batch.Count == 0) await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!await HandleErrorAsync(ex, backoff, "getUpdates", stoppingToken)) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Logs and waits; returns false when the error is fatal and the host is stopping.</summary>
    private async Task<bool> HandleErrorAsync(Exception ex, Backoff backoff, string method, CancellationToken stoppingToken)
    {
        switch (ex)
        {
            case ApiRequestException { ErrorCode: 401 or 404 }:
                logger.TokenRejected(method, ex.Message);
                Environment.ExitCode = 3;
                lifetime.StopApplication();
                return false;
            case ApiRequestException { ErrorCode: 409 }:
                logger.PollingConflict(ex.Message);
                break;
            case ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } retryAfter }:
                logger.PollingSlowedDown(retryAfter);
                await Task.Delay(TimeSpan.FromSeconds(retryAfter), time, stoppingToken);
                return true;
            default:
                logger.PollingFailed(method, ex.GetType().Name, ex.Message);
                break;
        }

        await Task.Delay(backoff.Next(), time, stoppingToken);
        return true;
    }

    private async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bot.SetMyCommands(
            [
                new BotCommand { Command = "start", Description = Messages.CommandStart },
                new BotCommand { Command = "help", Description = Messages.CommandHelp },
                new BotCommand { Command = "ask", Description = Messages.CommandAsk },
            ], cancellationToken: cancellationToken);
            foreach (var admin in options.Value.AdminUserIds)
            {
                await bot.SetMyCommands(
                [
                    new BotCommand { Command = "help", Description = Messages.CommandHelp },
                    new BotCommand { Command = "reindex", Description = Messages.CommandReindex },
                    new BotCommand { Command = "docs", Description = Messages.CommandDocs },
                    new BotCommand { Command = "remove", Description = Messages.CommandRemove },
                    new BotCommand { Command = "stats", Description = Messages.CommandStats },
                    new BotCommand { Command = "gaps", Description = Messages.CommandGaps },
                    new BotCommand { Command = "teach", Description = Messages.CommandTeach },
                ], new BotCommandScopeChat { ChatId = admin }, cancellationToken: cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ApiRequestException or RequestException)
        {
            logger.CommandMenuFailed(ex.Message);
        }
    }

    /// <summary>1 s, 2 s, 4 s … up to a minute, with jitter.</summary>
    private sealed class Backoff
    {
        private int failures;

        public TimeSpan Next()
        {
            failures++;
            var seconds = Math.Min(60, Math.Pow(2, failures - 1));
            return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
        }

        public void Reset() => failures = 0;
    }
}
