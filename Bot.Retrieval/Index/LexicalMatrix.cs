using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>
/// BM25 (k1 1.2, b 0.75) over an in-memory inverted index of one index generation, loaded from the chunks' stored
/// term lists. Scores accumulate only over the query terms' posting lists: no row is scored that no term matches.
/// </summary>
internal sealed class LexicalMatrix
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    // Our own pool: every array goes back zeroed, so a rented one needs no clearing.
    private static readonly System.Buffers.ArrayPool<float> Pool = System.Buffers.ArrayPool<float>.Create();

    private readonly Dictionary<string, int> termIds;
    private readonly int[][] postingRows;
    private readonly ushort[][] postingCounts;
    private readonly long[] keys;
    private readonly float[] lengthNorm;

    private LexicalMatrix(string generation, Dictionary<string, int> termIds, int[][] rows, ushort[][] counts, long[] keys, float[] lengthNorm)
    {
        Generation = generation;
        this.termIds = termIds;
        postingRows = rows;
        postingCounts = counts;
        this.keys = keys;
        this.lengthNorm = lengthNorm;
    }

    public string Generation { get; }

    public int ChunkCount => keys.Length;

    public int DocumentFrequency(string term) => termIds.TryGetValue(term, out var id) && id < postingRows.Length ? postingRows[id].Length : 0;

    public static LexicalMatrix Load(SqliteConnection db, string generation)
    {
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var command = db.CreateCommand())
        {
            command.CommandText = "SELECT id, term FROM terms";
            using var reader = command.ExecuteReader();
            while (reader.Read()) termIds[reader.GetString(1)] = reader.GetInt32(0);
        }

        int termCount = termIds.Count == 0 ? 0 : termIds.Values.Max() + 1;
        var rows = new List<int>[termCount];
        var counts = new List<ushort>[termCount];
        var keys = new List<long>();
        var lengths = new List<int>();
        var decoded = new List<(int Id, int Count)>();
        using (var command = db.CreateCommand())
        {
            command.CommandText = "SELECT key, terms FROM chunks ORDER BY key";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                int row = keys.Count;
                keys.Add(reader.GetInt64(0));
                TermCodec.Decode((byte[])reader.GetValue(1), decoded);
                int length = 0;
                foreach (var (id, count) in decoded)
                {
                    if (id >= termCount) continue;
                    (rows[id] ??= []).Add(row);
                    (counts[id] ??= []).Add((ushort)Math.Min(count, ushort.MaxValue));
                    length += count;
                }

                lengths.Add(length);
            }
        }

        float average = lengths.Count == 0 ? 1 : (float)lengths.Average();
        var norm = lengths.Select(l => K1 * (1 - B + B * l / average)).ToArray();
        return new LexicalMatrix(generation, termIds,
            rows.Select(r => r?.ToArray() ?? []).ToArray(), counts.Select(c => c?.ToArray() ?? []).ToArray(), keys.ToArray(), norm);
    }

    public List<(long Key, double Score)> Top(IReadOnlyList<string> terms, int top)
    {
        if (top <= 0 || keys.Length == 0) return [];
        var scores = Pool.Rent(keys.Length);
        var touched = new List<int>();
        try
        {
            foreach (var term in terms.Distinct())
            {
                if (!termIds.TryGetValue(term, out var id) || id >= postingRows.Length) continue;
                var rows = postingRows[id];
                if (rows.Length == 0) continue;
                var counts = postingCounts[id];
                float idf = MathF.Log(1 + (keys.Length - rows.Length + 0.5f) / (rows.Length + 0.5f));
                for (int i = 0; i < rows.Length; i++)
                {
                    int row = rows[i];
                    float tf = counts[i];
                    if (scores[row] == 0) touched.Add(row);
                    scores[row] += idf * tf * (K1 + 1) / (tf + lengthNorm[row]);
                }
            }

            var best = new PriorityQueue<int, float>(top + 1);
            foreach (var row in touched)
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
            foreach (var row in touched) scores[row] = 0;
            Pool.Return(scores);
        }
    }
}
