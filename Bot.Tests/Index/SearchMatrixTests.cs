using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Bot.Retrieval.Index;

namespace Bot.Tests.Index;

/// <summary>
/// The two in-memory search structures against plain arithmetic on the same data: BM25 with pruning must return exactly
/// the rows scoring every posting would, and the compact dense matrix the rows the exact cosine ranks first.
/// </summary>
public sealed class SearchMatrixTests
{
    [Fact]
    public void PrunedBm25_ReturnsTheSameBestRowsAsScoringEveryPosting()
    {
        // Zipf-like term use over 6,000 chunks: a few common terms with long postings (where pruning skips work) and many
        // rare ones, so the queries below take both the exhaustive and the pruned path.
        var random = new Random(7);
        const int vocabulary = 3000, chunkCount = 6000;
        var termIds = Enumerable.Range(0, vocabulary).ToDictionary(t => "t" + t, t => t, StringComparer.Ordinal);
        var chunks = new List<(long Key, byte[] Terms)>();
        var bags = new List<Dictionary<int, int>>();
        for (int c = 0; c < chunkCount; c++)
        {
            var bag = new Dictionary<int, int>();
            int length = random.Next(20, 120);
            for (int w = 0; w < length; w++)
            {
                int term = (int)Math.Min(vocabulary - 1, Math.Floor(Math.Pow(vocabulary, random.NextDouble())) - 1);
                bag[term] = bag.GetValueOrDefault(term) + 1;
            }

            bags.Add(bag);
            chunks.Add((1000 + c * 3, TermCodec.Encode(bag.Select(kv => (kv.Key, kv.Value)).ToList())));
        }

        var matrix = LexicalMatrix.Build("g", termIds, chunks);
        var df = bags.SelectMany(b => b.Keys).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        for (int q = 0; q < 300; q++)
        {
            var query = Enumerable.Range(0, random.Next(1, 9)).Select(_ => "t" + (int)Math.Floor(Math.Pow(vocabulary, random.NextDouble()) - 1)).ToList();
            int top = q % 3 == 0 ? 10 : 50;
            var expected = Exhaustive(bags, df, chunks, query.Select(t => termIds[t]).Distinct().ToList(), top);
            var actual = matrix.Top(query, top);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Score, actual[i].Score, 0.002); // float against double
            // The same rows, but for rows tied with the last one (either may be kept).
            double last = expected.Count == 0 ? 0 : expected[^1].Score + 1e-3;
            Assert.Equal(expected.Where(e => e.Score > last).Select(e => e.Key).Order(), actual.Where(a => a.Score > last).Select(a => a.Key).Order());
        }

        Assert.Equal(bags.Count(b => b.ContainsKey(5)), matrix.DocumentFrequency("t5"));
        Assert.Empty(matrix.Top(["unknown"], 10));
    }

    [Fact]
    public void DenseMatrix_ScoresLikeTheCosine_AndItsShortListFindsTheNearestRows()
    {
        // 20,000 rows (past the size scored exhaustively) of sparse, normalised vectors like the local embeddings'; the
        // questions are noisy copies of chosen rows.
        var random = new Random(3);
        const int dimensions = 384, rowCount = 20_000;
        var vectors = Enumerable.Range(0, rowCount).Select(_ => Sparse(random, dimensions, 200)).ToList();
        var matrix = DenseMatrix.Build("g", dimensions, rowCount, vectors.Select((v, i) => ((long)i, Fp16(v))));
        Assert.Equal(rowCount, matrix.Count);

        int firstFound = 0, inTopTen = 0;
        const int questions = 100;
        for (int q = 0; q < questions; q++)
        {
            int target = random.Next(rowCount);
            var query = vectors[target].Select(v => random.NextDouble() < 0.5 ? 0 : v).ToArray(); // half its features
            var norm = TensorPrimitives.Norm(query);
            TensorPrimitives.Divide(query, norm, query);
            var exact = vectors.Select((v, i) => (Key: (long)i, Score: (double)TensorPrimitives.Dot(v, query)))
                .OrderByDescending(x => x.Score).Take(10).ToList();
            var found = matrix.Top(query, 10);
            Assert.Equal(10, found.Count);
            // int8 scores stay within two hundredths of the cosine (each of the two vectors rounds to 1/254 of its largest value).
            foreach (var (key, score) in found) Assert.Equal(TensorPrimitives.Dot(vectors[(int)key], query), score, 0.02);
            if (found[0].Key == exact[0].Key) firstFound++;
            inTopTen += exact.Count(e => found.Any(f => f.Key == e.Key));
        }

        Assert.True(firstFound >= 95, $"the nearest row first for {firstFound} of {questions}");
        Assert.True(inTopTen >= 0.8 * 10 * questions, $"{inTopTen} of the exact top 10s found");
        Assert.Empty(matrix.Top(new float[dimensions + 1], 10)); // a vector of another size finds nothing
    }

    [Fact]
    public void Int8Dot_IsExact()
    {
        var random = new Random(5);
        foreach (var length in new[] { 0, 1, 31, 32, 33, 384, 1000 })
        {
            var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
            Assert.Equal(a.Zip(b).Sum(p => p.First * p.Second), DenseMatrix.Dot(a, b));
        }
    }

    private static List<(long Key, double Score)> Exhaustive(List<Dictionary<int, int>> bags, Dictionary<int, int> df,
        List<(long Key, byte[] Terms)> chunks, List<int> terms, int top)
    {
        double average = bags.Average(b => b.Values.Sum());
        return bags.Select((bag, row) =>
            {
                double norm = 1.2 * (1 - 0.75 + 0.75 * bag.Values.Sum() / average), score = 0;
                foreach (var term in terms)
                {
                    if (!bag.TryGetValue(term, out var tf)) continue;
                    score += Math.Log(1 + (bags.Count - df[term] + 0.5) / (df[term] + 0.5)) * tf * 2.2 / (tf + norm);
                }

                return (chunks[row].Key, Score: score);
            })
            .Where(x => x.Score > 0).OrderByDescending(x => x.Score).Take(top).ToList();
    }

    private static float[] Sparse(Random random, int dimensions, int features)
    {
        var v = new float[dimensions];
        for (int f = 0; f < features; f++) v[random.Next(dimensions)] += random.NextDouble() < 0.5 ? -1 : 1;
        for (int i = 0; i < v.Length; i++) v[i] = MathF.Sign(v[i]) * MathF.Log(1 + MathF.Abs(v[i]));
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static byte[] Fp16(float[] vector)
    {
        var halves = new Half[vector.Length];
        TensorPrimitives.ConvertToHalf(vector, halves);
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }
}
