using Microsoft.Data.Sqlite;
using System.Numerics.Tensors;

namespace Bot.Retrieval.Index;

/// <summary>All vectors of one index generation in one array, scanned with SIMD dot products.</summary>
internal sealed class DenseMatrix(string generation, int dimensions, long[] keys, float[] values)
{
    public string Generation => generation;

    public int Dimensions => dimensions;

    public int Count => keys.Length;

    public static DenseMatrix Load(SqliteConnection db, string generation, int dimensions)
    {
        var count = Convert.ToInt32(SqliteSchema.Scalar(db, "SELECT count(*) FROM chunks"));
        var keys = new List<long>(count);
        var values = new float[(long)count * dimensions];
        using var command = db.CreateCommand();
        command.CommandText = "SELECT key, vector FROM chunks ORDER BY key";
        using var reader = command.ExecuteReader();
        int row = 0;
        while (reader.Read() && row < count)
        {
            var blob = (byte[])reader.GetValue(1);
            if (!VectorCodec.TryDecode(blob, values.AsSpan(row * dimensions, dimensions))) continue; // a vector of another size
            keys.Add(reader.GetInt64(0));
            row++;
        }

        return new DenseMatrix(generation, dimensions, keys.ToArray(), values);
    }

    public List<(long Key, double Score)> Top(float[] query, int top)
    {
        // Memory-bound: large matrices are scanned in one slice per core, each keeping its own best rows.
        int slices = keys.Length < 20_000 ? 1 : Math.Min(Environment.ProcessorCount, keys.Length / 10_000);
        var partial = new List<(int Row, float Score)>[slices];
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, slice =>
        {
            int from = (int)((long)keys.Length * slice / slices), to = (int)((long)keys.Length * (slice + 1) / slices);
            var best = new PriorityQueue<int, float>(top + 1);
            for (int row = from; row < to; row++)
            {
                var score = TensorPrimitives.Dot(values.AsSpan(row * dimensions, dimensions), query);
                if (best.Count < top) best.Enqueue(row, score);
                else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(row, score);
            }

            partial[slice] = best.UnorderedItems.Select(x => (x.Element, x.Priority)).ToList();
        });

        return partial.SelectMany(p => p).OrderByDescending(x => x.Score).Take(top).Select(x => (keys[x.Row], (double)x.Score)).ToList();
    }
}
