using Bot.Host.Formatting;
using Bot.Host.Telegram.Polling;
using Bot.Host.Telegram.Sending;
using Microsoft.Extensions.Options;

namespace Bot.Host.Telegram.Handling;

/// <summary>
/// Drains the inbox: one chat's updates in order, different chats in parallel. A handled update is marked done; a
/// failing one is retried with backoff, and after the last attempt the user gets an apology — nothing is dropped silently.
/// </summary>
public sealed class UpdateDispatcher(
    TelegramInbox inbox,
    UpdateHandler handler,
    TelegramSender sender,
    UpdateSignal signal,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<UpdateDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<long, Task> running = [];
    private readonly HashSet<int> inFlight = [];
    private readonly Lock gate = new();
    private readonly SemaphoreSlim slots = new(options.Value.ChatsInParallel, options.Value.ChatsInParallel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                if (now - lastPrune > TimeSpan.FromHours(1))
                {
                    inbox.Prune(now - TimeSpan.FromHours(48)); // update ids can restart after a quiet week: dedupe over two days
                    lastPrune = now;
                }

                lock (gate)
                {
                    // Forget chats whose work is done: a bot in many chats must not keep a task for each forever.
                    foreach (var done in running.Where(kv => kv.Value.IsCompleted).Select(kv => kv.Key).ToList()) running.Remove(done);
                }

                var due = inbox.Due(now);
                // Idle: what was marked handled goes into the main file too, so telegram.db alone is a current backup.
                if (due.Count == 0) inbox.Checkpoint();
                foreach (var chat in due.GroupBy(u => u.ChatId))
                {
                    lock (gate)
                    {
                        if (running.TryGetValue(chat.Key, out var task) && !task.IsCompleted) continue;
                        var fresh = chat.Where(u => inFlight.Add(u.UpdateId)).ToList();
                        if (fresh.Count == 0) continue;
                        running[chat.Key] = RunChatAsync(fresh, stoppingToken);
                    }
                }

                await signal.WaitAsync(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.DispatcherFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        Task[] pending;
        lock (gate) pending = running.Values.ToArray();
        await Task.WhenAll(pending).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunChatAsync(List<PendingUpdate> updates, CancellationToken stoppingToken)
    {
        await slots.WaitAsync(stoppingToken);
        try
        {
            foreach (var update in updates)
            {
                if (stoppingToken.IsCancellationRequested) return;
                // The loop's list of due updates can be a moment old: a chat task that finished meanwhile has marked this
                // one handled and left the in-flight set, and handling it again would repeat its reply.
                if (!inbox.IsDue(update.UpdateId, time.GetUtcNow())) continue;
                if (!await HandleOneAsync(update, stoppingToken)) break; // keep this chat's order: later updates wait for the retry
            }
        }
        finally
        {
            slots.Release();
            lock (gate) foreach (var u in updates) inFlight.Remove(u.UpdateId);
            signal.Set();
        }
    }

    private async Task<bool> HandleOneAsync(PendingUpdate update, CancellationToken stoppingToken)
    {
        try
        {
            await handler.HandleAsync(update.Json, stoppingToken);
            inbox.MarkDone(update.UpdateId);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false; // stays pending: handled after the restart
        }
        catch (PoisonedUpdateException ex)
        {
            // Retrying cannot help, and holding it would hold the chat: one line with its id and why, never its text.
            logger.UpdateSetAside(update.UpdateId, ex.Message);
            inbox.MarkDone(update.UpdateId, "poisoned");
            return true;
        }
        catch (Exception ex)
        {
            int attempts = update.Attempts + 1;
            if (attempts < options.Value.MaxHandlingAttempts)
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempts));
                logger.HandlingRetried(ex, update.UpdateId, attempts, delay.TotalSeconds);
                inbox.ScheduleRetry(update.UpdateId, attempts, time.GetUtcNow() + delay);
                return false;
            }

            logger.HandlingAbandoned(ex, update.UpdateId, attempts, update.ChatId);
            inbox.MarkDone(update.UpdateId, "failed");
            if (update.ChatId != 0)
            {
                try
                {
                    await sender.SendTextAsync(new TelegramSender.Target(update.ChatId, update.ChatId < 0), Messages.Apology, stoppingToken);
                }
                catch (Exception sendError) when (sendError is not OperationCanceledException)
                {
                    logger.ApologyFailed(sendError, update.ChatId);
                }
            }

            return true;
        }
    }
}
