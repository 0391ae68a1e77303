namespace Bot.Host.Telegram.Handling;

/// <summary>
/// At most N questions a minute per user, over a sliding window of the exact times asked. Over the limit a user is told
/// to wait once per window, then ignored until the window moves on, so a flood cannot make the bot flood back. Users
/// whose window has passed are forgotten once more than <see cref="TrackedUsers"/> are held; those still inside it never
/// are. (System.Threading.RateLimiting's partitioned limiters were weighed: their windows are segmented and their
/// clocks cannot be moved by a TimeProvider, so the rule could not be tested in milliseconds; the warn-once rule would
/// still be ours.)
/// </summary>
public sealed class UserQuestionLimiter(TimeProvider time, int perMinute)
{
    /// <summary>How many users are held before those whose window has passed are forgotten.</summary>
    public const int TrackedUsers = 100_000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private readonly Dictionary<long, (Queue<DateTimeOffset> Asked, DateTimeOffset WarnedAt)> users = [];
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    public enum Verdict
    {
        Allowed,
        WarnOnce,
        Silent,
    }

    /// <summary>How many users are held now.</summary>
    internal int Tracked
    {
        get
        {
            lock (gate) return users.Count;
        }
    }

    public Verdict Check(long userId)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!users.TryGetValue(userId, out var state)) state = (new Queue<DateTimeOffset>(), DateTimeOffset.MinValue);
            while (state.Asked.Count > 0 && now - state.Asked.Peek() >= Window) state.Asked.Dequeue();
            Verdict verdict;
            if (state.Asked.Count < perMinute)
            {
                state.Asked.Enqueue(now);
                verdict = Verdict.Allowed;
            }
            else if (now - state.WarnedAt >= Window)
            {
                state.WarnedAt = now;
                verdict = Verdict.WarnOnce;
            }
            else
            {
                verdict = Verdict.Silent;
            }

            users[userId] = state;
            // At most once a window: a crowd all inside its window is kept whole rather than scanned on every question.
            if (users.Count > TrackedUsers && now - lastPrune >= Window)
            {
                lastPrune = now;
                foreach (var (id, (asked, warnedAt)) in users)
                {
                    if ((asked.Count == 0 || now - asked.Last() >= Window) && now - warnedAt >= Window) users.Remove(id);
                }
            }

            return verdict;
        }
    }
}
