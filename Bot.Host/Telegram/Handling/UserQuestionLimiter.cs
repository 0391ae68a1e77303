namespace Bot.Host.Telegram.Handling;

/// <summary>
/// At most N questions a minute per user. Over the limit a user is told to wait once per window, then ignored until
/// the window moves on, so a flood cannot make the bot flood back.
/// </summary>
public sealed class UserQuestionLimiter(TimeProvider time, int perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private readonly Dictionary<long, (Queue<DateTimeOffset> Asked, DateTimeOffset WarnedAt)> users = [];

    public enum Verdict
    {
        Allowed,
        WarnOnce,
        Silent,
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
            if (users.Count > 100_000) users.Clear();
            return verdict;
        }
    }
}
