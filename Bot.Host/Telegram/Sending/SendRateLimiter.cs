namespace Bot.Host.Telegram.Sending;

/// <summary>
/// Telegram's flood limits as schedules: about one message a second per chat, 20 a minute per group, 30 a second in all;
/// and a chat paused for <c>retry_after</c> after a 429. <see cref="ReserveAsync"/> waits for the next free slot.
/// </summary>
public sealed class SendRateLimiter(TimeProvider time)
{
    private static readonly TimeSpan PerChat = TimeSpan.FromSeconds(1);
    // 20 a minute is Telegram's limit on arrivals; slots booked 3.2 s apart stay under it even when a send is delayed in
    // transit (measured here: one arrived 0.15 s after its slot, so exact 3 s slots let two arrive 2.85 s apart).
    private static readonly TimeSpan PerGroup = TimeSpan.FromSeconds(3.2);
    private static readonly TimeSpan Global = TimeSpan.FromMilliseconds(34); // about 30 a second

    private readonly Lock gate = new();
    private readonly Dictionary<long, DateTimeOffset> nextForChat = [];
    private DateTimeOffset nextGlobal;
    private DateTimeOffset lastRelease = DateTimeOffset.MinValue;

    /// <summary>
    /// Waits until a message may go to <paramref name="chatId"/>, and books that slot. The chat's own slot comes first;
    /// the global one is booked only once the chat may send, so a chat that is paused (a 429) or paced (a busy group)
    /// delays itself and nobody else.
    /// </summary>
    public async Task ReserveAsync(long chatId, bool isGroup, CancellationToken cancellationToken)
    {
        DateTimeOffset slot;
        lock (gate)
        {
            var now = time.GetUtcNow();
            slot = Max(now, nextForChat.GetValueOrDefault(chatId));
            nextForChat[chatId] = slot + (isGroup ? PerGroup : PerChat);
            if (nextForChat.Count > 100_000) Prune(now);
        }

        await WaitUntilAsync(slot, cancellationToken);
        lock (gate)
        {
            slot = Max(time.GetUtcNow(), nextGlobal);
            nextGlobal = slot + Global;
        }

        await WaitUntilAsync(slot, cancellationToken);
        // Booked slots keep the sends in the order they reached them. A timer that fires late (a stalled process, a busy
        // machine) finds its slot long past, as does every send booked after it: they would all go at once, a burst of
        // arrivals Telegram counts. So each also goes no sooner than one Global after the last send actually let go.
        while (true)
        {
            lock (gate)
            {
                var now = time.GetUtcNow();
                if (now >= lastRelease + Global)
                {
                    lastRelease = now;
                    return;
                }

                slot = lastRelease + Global;
            }

            await WaitUntilAsync(slot, cancellationToken);
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var wait = slot - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
    }

    /// <summary>After a 429: nothing more goes to that chat for <paramref name="retryAfter"/>.</summary>
    public void Pause(long chatId, TimeSpan retryAfter)
    {
        lock (gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (until > nextForChat.GetValueOrDefault(chatId)) nextForChat[chatId] = until;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in nextForChat.Where(kv => kv.Value < now).Select(kv => kv.Key).ToList()) nextForChat.Remove(key);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
