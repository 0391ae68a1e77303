namespace Bot.Host.Conversations;

/// <summary>
/// The last few turns of each conversation, in memory: a private chat, or a thread of replies to the bot's messages in
/// a group. Turns older than half an hour are forgotten; so is everything past 50,000 conversations.
/// </summary>
public sealed class ConversationMemory(TimeProvider time)
{
    private const int TurnsKept = 3;
    private const int MaxConversations = 50_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly Dictionary<string, List<Turn>> turns = [];
    private readonly Lock gate = new();

    /// <summary>One question (as it was searched: standalone) and the answer given.</summary>
    public sealed record Turn(string Question, string Answer, DateTimeOffset At);

    public IReadOnlyList<Turn> History(string? key)
    {
        if (key is null) return [];
        lock (gate)
        {
            if (!turns.TryGetValue(key, out var list)) return [];
            var fresh = list.Where(t => time.GetUtcNow() - t.At < Lifetime).ToList();
            return fresh;
        }
    }

    public void Remember(IEnumerable<string> keys, string question, string answer)
    {
        var turn = new Turn(question, answer, time.GetUtcNow());
        lock (gate)
        {
            if (turns.Count > MaxConversations) Prune();
            foreach (var key in keys)
            {
                var list = turns.TryGetValue(key, out var existing) ? [.. existing] : new List<Turn>();
                list.Add(turn);
                if (list.Count > TurnsKept) list.RemoveAt(0);
                turns[key] = list;
            }
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var key in turns.Where(kv => now - kv.Value[^1].At >= Lifetime).Select(kv => kv.Key).ToList()) turns.Remove(key);
        if (turns.Count > MaxConversations) turns.Clear();
    }
}
