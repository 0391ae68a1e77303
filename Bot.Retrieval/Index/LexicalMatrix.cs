using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>
/// BM25 (k1 1.2, b 0.75) over an in-memory inverted index of one index generation, loaded from the chunks' stored term
/// lists: every term's postings (rows ascending, counts capped at 255) in one array. A question is scored term by term,
/// the most telling term first; once the terms left could not lift a row that none of the earlier ones matched past the
/// best rows so far, only the rows that can still reach them are followed through the rest (exact: the same best rows
/// as scoring every posting).
/// </summary>
internal sealed class LexicalMatrix
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;
    private const int ThresholdRows = 2048;

    // Our own pool: every array goes back zeroed, so a rented one needs no clearing.
    private static readonly System.Buffers.ArrayPool<float> Pool = System.Buffers.ArrayPool<float>.Create(16 * 1024 * 1024, 16);
    private static readonly System.Buffers.ArrayPool<int> RowPool = System.Buffers.ArrayPool<int>.Create(16 * 1024 * 1024, 32);

    private readonly Dictionary<string, int> termIds;
    private readonly int[] starts;
    private readonly int[] rows;
    private readonly byte[] counts;
    private readonly float[] idf;
    private readonly float[] maxScore;
    private readonly long[] keys;
    private readonly float[] lengthNorm;

    private LexicalMatrix(string generation, Dictionary<string, int> termIds, int[] starts, int[] rows, byte[] counts, long[] keys, float[] lengthNorm)
    {
        Generation = generation;
        this.termIds = termIds;
        this.starts = starts;
        this.rows = rows;
        this.counts = counts;
        this.keys = keys;
        this.lengthNorm = lengthNorm;
        int terms = starts.Length - 1;
        idf = new float[terms];
        maxScore = new float[terms];
        for (int t = 0; t < terms; t++)
        {
            int df = starts[t + 1] - starts[t];
            idf[t] = MathF.Log(1 + (keys.Length - df + 0.5f) / (df + 0.5f));
            float most = 0;
            for (int p = starts[t]; p < starts[t + 1]; p++) most = MathF.Max(most, Weight(counts[p], lengthNorm[rows[p]]));
            maxScore[t] = idf[t] * most;
        }
    }

    public string Generation { get; }

    public int ChunkCount => keys.Length;

    /// <summary>Postings held: what the matrix costs in memory (five bytes each, beside a few per term and row).</summary>
    public long Postings => rows.Length;

    public int DocumentFrequency(string term) => termIds.TryGetValue(term, out var id) && id < starts.Length - 1 ? starts[id + 1] - starts[id] : 0;

    public static LexicalMatrix Load(SqliteConnection db, string generation)
    {
        // One read transaction: both passes see the same rows though an update commits meanwhile.
        using var snapshot = db.BeginTransaction(deferred: true);
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var command = db.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = "SELECT id, term FROM terms";
            using var reader = command.ExecuteReader();
            while (reader.Read()) termIds[reader.GetString(1)] = reader.GetInt32(0);
        }

        // Read twice (count, then place), each row into one buffer: the term lists are never all held at once.
        IEnumerable<(long Key, ArraySegment<byte> Terms)> Pass()
        {
            using var command = db.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = "SELECT key, terms FROM chunk_terms ORDER BY key";
            using var reader = command.ExecuteReader();
            var buffer = new byte[4096];
            while (reader.Read())
            {
                int length = (int)reader.GetBytes(1, 0, null, 0, 0);
                if (length > buffer.Length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
                reader.GetBytes(1, 0, buffer, 0, length);
                yield return (reader.GetInt64(0), new ArraySegment<byte>(buffer, 0, length));
            }
        }

        return Build(generation, termIds, Pass);
    }

    /// <summary>The matrix of chunks given by key with their encoded (term id, count) lists, in key order.</summary>
    public static LexicalMatrix Build(string generation, Dictionary<string, int> termIds, IReadOnlyList<(long Key, byte[] Terms)> chunks) =>
        Build(generation, termIds, () => chunks.Select(c => (c.Key, new ArraySegment<byte>(c.Terms))));

    // `pass` gives the chunks in key order, the same each time it is called; each row is read before the next is asked for.
    private static LexicalMatrix Build(string generation, Dictionary<string, int> termIds, Func<IEnumerable<(long Key, ArraySegment<byte> Terms)>> pass)
    {
        int termCount = termIds.Count == 0 ? 0 : termIds.Values.Max() + 1;
        // Two passes over the compact term lists: count each term's postings, then place them, so the postings are
        // allocated once at their final size.
        var starts = new int[termCount + 1];
        var keys = new List<long>();
        var lengths = new List<int>();
        var decoded = new List<(int Id, int Count)>();
        foreach (var (key, terms) in pass())
        {
            TermCodec.Decode(terms, decoded);
            int length = 0;
            foreach (var (id, count) in decoded)
            {
                if (id >= termCount) continue;
                starts[id + 1]++;
                length += count;
            }

            keys.Add(key);
            lengths.Add(length);
        }

        for (int t = 0; t < termCount; t++) starts[t + 1] += starts[t];
        var rows = new int[starts[termCount]];
        var counts = new byte[rows.Length];
        var next = starts[..termCount];
        int row = 0;
        foreach (var (_, terms) in pass())
        {
            if (row == keys.Count) break; // rows added between the passes are not in this generation's count
            TermCodec.Decode(terms, decoded);
            foreach (var (id, count) in decoded)
            {
                if (id >= termCount) continue;
                int at = next[id]++;
                rows[at] = row;
                counts[at] = (byte)Math.Min(count, byte.MaxValue);
            }

            row++;
        }

        float average = keys.Count == 0 ? 1 : (float)lengths.Average();
        var norm = lengths.Select(l => K1 * (1 - B + B * l / average)).ToArray();
        return new LexicalMatrix(generation, termIds, starts, rows, counts, keys.ToArray(), norm);
    }

    public List<(long Key, double Score)> Top(IReadOnlyList<string> terms, int top)
    {
        if (top <= 0 || keys.Length == 0) return [];
        var query = terms.Distinct()
            .Select(t => termIds.TryGetValue(t, out var id) && id < starts.Length - 1 ? id : -1)
            .Where(id => id >= 0 && starts[id + 1] > starts[id])
            .OrderByDescending(id => maxScore[id])
            .ToList();
        if (query.Count == 0) return [];

        // What the terms from i on can add to a row at most.
        var left = new float[query.Count + 1];
        for (int i = query.Count - 1; i >= 0; i--) left[i] = left[i + 1] + maxScore[query[i]];

        // The scores and the rows they were given to are rented, not allocated: at a million chunks they are megabytes a
        // question, and fresh ones each time fragment the large-object heap (2.5 GB committed for 0.95 GB live, measured).
        var scores = Pool.Rent(keys.Length);
        var touched = RowPool.Rent(keys.Length); // a row is touched at most once
        int touchedCount = 0;
        int[]? followed = null;
        try
        {
            int i = 0;
            float threshold = 0;
            for (; i < query.Count; i++)
            {
                // Worth asking only when the postings left outnumber the rows the threshold is read from.
                if (i > 0 && touchedCount >= top && PostingsFrom(query, i) > touchedCount &&
                    (threshold = Threshold(scores, touched.AsSpan(0, touchedCount), top)) > left[i]) break;
                int term = query[i];
                float weight = idf[term];
                for (int p = starts[term]; p < starts[term + 1]; p++)
                {
                    int row = rows[p];
                    if (scores[row] == 0) touched[touchedCount++] = row;
                    scores[row] += weight * Weight(counts[p], lengthNorm[row]);
                }
            }

            ReadOnlySpan<int> candidates = touched.AsSpan(0, touchedCount);
            if (i < query.Count)
            {
                // No row unmatched so far can reach the best `top`: follow only those that still can through the rest.
                followed = RowPool.Rent(touchedCount);
                int kept = 0;
                foreach (var row in candidates)
                {
                    if (scores[row] + left[i] >= threshold) followed[kept++] = row;
                }

                Array.Sort(followed, 0, kept);
                candidates = followed.AsSpan(0, kept);
                for (; i < query.Count; i++) AddTo(candidates, scores, query[i]);
            }

            var best = new PriorityQueue<int, float>(top + 1);
            foreach (var row in candidates)
            {
                float score = scores[row];
                if (best.Count < top) best.Enqueue(row, score);
                else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(row, score);
            }

            var result = new List<(long, double)>(best.Count);
            while (best.TryDequeue(out var row, out var score)) result.Add((keys[row], score));
            result.Reverse();
            return result;
        }
        finally
        {
            for (int t = 0; t < touchedCount; t++) scores[touched[t]] = 0;
            Pool.Return(scores);
            RowPool.Return(touched);
            if (followed is not null) RowPool.Return(followed);
        }
    }

    private static float Weight(int tf, float norm) => tf * (K1 + 1) / (tf + norm);

    private long PostingsFrom(List<int> query, int from)
    {
        long total = 0;
        for (int i = from; i < query.Count; i++) total += starts[query[i] + 1] - starts[query[i]];
        return total;
    }

    // The `top`-th best score so far: a floor under the `top`-th best final score, since scores only grow.
    private static float Threshold(float[] scores, ReadOnlySpan<int> touched, int top)
    {
        var best = new PriorityQueue<float, float>(top + 1);
        // The rows first matched (by the most telling terms) are read, at most a few thousand: the `top`-th best of any
        // of them is still a floor, and reading every matched row of a common term would cost what pruning saves.
        foreach (var row in touched.Length <= ThresholdRows ? touched : touched[..ThresholdRows])
        {
            float score = scores[row];
            if (best.Count < top) best.Enqueue(score, score);
            else if (score > best.Peek()) best.EnqueueDequeue(score, score);
        }

        return best.Count < top ? 0 : best.Peek();
    }

    // One term's postings added to the candidate rows (ascending) only, found by galloping through its rows.
    private void AddTo(ReadOnlySpan<int> candidates, float[] scores, int term)
    {
        int p = starts[term], end = starts[term + 1];
        float weight = idf[term];
        foreach (var row in candidates)
        {
            if (p >= end) return;
            if (rows[p] < row)
            {
                int step = 1, low = p;
                while (p + step < end && rows[p + step] < row)
                {
                    low = p + step;
                    step <<= 1;
                }

                int high = Math.Min(p + step, end - 1);
                p = Array.BinarySearch(rows, low, high - low + 1, row);
                if (p < 0) p = ~p;
                if (p >= end) return;
            }

            if (rows[p] == row) scores[row] += weight * Weight(counts[p], lengthNorm[row]);
        }
    }
}
