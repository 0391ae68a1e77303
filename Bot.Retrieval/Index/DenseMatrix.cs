using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Numerics.Tensors;
using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>
/// All vectors of one index generation, held small: each as int8 with its own scale (a quarter of float32), and as one
/// sign bit per dimension. A question scans the sign bits of every row (a few popcounts each), keeps the rows whose signs
/// agree most with its own on the dimensions it uses, and scores only those with the int8 values.
/// </summary>
internal sealed class DenseMatrix
{
    // Below this many rows every row is scored with its int8 values: the sign scan would save nothing.
    private const int ExactBelow = 4096;
    // How many rows the sign scan keeps per row asked for, and at least: the int8 scores then choose among them.
    private const int ShortListFactor = 16;
    private const int ShortListMinimum = 800;
    // Rows per core above which the sign scan is split across cores.
    private const int RowsPerSlice = 250_000;

    // Rented per question from a pool of its own, sized for matrices of millions of rows.
    private static readonly System.Buffers.ArrayPool<ushort> AgreementPool = System.Buffers.ArrayPool<ushort>.Create(64 * 1024 * 1024, 16);

    private readonly long[] keys;
    private readonly sbyte[] values;
    private readonly float[] scales;
    private readonly ulong[] signs;
    private readonly int words;

    private DenseMatrix(string generation, int dimensions, long[] keys, sbyte[] values, float[] scales, ulong[] signs)
    {
        Generation = generation;
        Dimensions = dimensions;
        this.keys = keys;
        this.values = values;
        this.scales = scales;
        this.signs = signs;
        words = (dimensions + 63) / 64;
    }

    public string Generation { get; }

    public int Dimensions { get; }

    public int Count => keys.Length;

    /// <summary>The generation's vectors; of the size the first one has when <paramref name="dimensions"/> is not given.</summary>
    public static DenseMatrix Load(SqliteConnection db, string generation, int? dimensions)
    {
        var count = Convert.ToInt32(SqliteSchema.Scalar(db, "SELECT count(*) FROM chunk_vectors"));
        int size = dimensions ?? (SqliteSchema.Scalar(db, "SELECT length(vector) FROM chunk_vectors LIMIT 1") is long bytes ? (int)bytes / 2 : 0);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT key, vector FROM chunk_vectors ORDER BY key";
        using var reader = command.ExecuteReader();
        return Build(generation, size, count, Rows());

        // One buffer for every row, read in place: a row is decoded before the next is read.
        IEnumerable<(long Key, byte[] Fp16)> Rows()
        {
            var buffer = new byte[size * 2];
            while (reader.Read())
            {
                bool fits = reader.GetBytes(1, 0, null, 0, 0) == buffer.Length;
                if (fits) reader.GetBytes(1, 0, buffer, 0, buffer.Length);
                yield return (reader.GetInt64(0), fits ? buffer : []); // a vector of another size is left out
            }
        }
    }

    /// <summary>A matrix of rows given as fp16 vectors (as stored), each read before the next is asked for; rows of another size are left out.</summary>
    public static DenseMatrix Build(string generation, int dimensions, int count, IEnumerable<(long Key, byte[] Fp16)> source)
    {
        int words = (dimensions + 63) / 64;
        var keys = new long[count];
        var values = new sbyte[(long)count * dimensions];
        var scales = new float[count];
        var signs = new ulong[(long)count * words];
        var vector = new float[dimensions];
        int row = 0;
        foreach (var (key, fp16) in source)
        {
            if (row == count) break;
            if (!VectorCodec.TryDecode(fp16, vector)) continue; // a vector of another size
            keys[row] = key;
            scales[row] = Quantize(vector, values.AsSpan(row * dimensions, dimensions));
            Signs(vector, signs.AsSpan(row * words, words), mask: false);
            row++;
        }

        if (row < count)
        {
            Array.Resize(ref keys, row);
            Array.Resize(ref values, row * dimensions);
            Array.Resize(ref scales, row);
            Array.Resize(ref signs, row * words);
        }

        return new DenseMatrix(generation, dimensions, keys, values, scales, signs);
    }

    public List<(long Key, double Score)> Top(float[] query, int top)
    {
        if (top <= 0 || keys.Length == 0 || query.Length != Dimensions) return [];
        var rows = keys.Length < ExactBelow ? null : ShortList(query, Math.Max(top * ShortListFactor, ShortListMinimum));
        var best = new PriorityQueue<int, float>(top + 1);
        var query8 = new sbyte[Dimensions];
        float queryScale = Quantize(query, query8);
        int n = rows?.Count ?? keys.Length;
        for (int i = 0; i < n; i++)
        {
            int row = rows?[i] ?? i;
            float score = RowScore(row, query8, queryScale);
            if (best.Count < top) best.Enqueue(row, score);
            else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(row, score);
        }

        var result = new List<(long Key, double Score)>(best.Count);
        while (best.TryDequeue(out var row, out var score)) result.Add((keys[row], score));
        result.Reverse();
        return result;
    }

    /// <summary>The given rows (by key) scored against the question, best first; keys not in the matrix are left out.</summary>
    public List<(long Key, double Score)> Score(float[] query, IReadOnlyList<long> candidates, int top)
    {
        if (top <= 0 || keys.Length == 0 || query.Length != Dimensions) return [];
        var query8 = new sbyte[Dimensions];
        float queryScale = Quantize(query, query8);
        var scored = new List<(long Key, double Score)>(candidates.Count);
        foreach (var key in candidates)
        {
            int row = Array.BinarySearch(keys, key); // rows are in key order
            if (row >= 0) scored.Add((key, RowScore(row, query8, queryScale)));
        }

        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        return scored.Count > top ? scored.GetRange(0, top) : scored;
    }

    // A row's cosine with the question, from both int8 vectors and their scales.
    private float RowScore(int row, sbyte[] query8, float queryScale) => Dot(values.AsSpan(row * Dimensions, Dimensions), query8) * scales[row] * queryScale;

    // The rows whose sign bits agree most with the question's on the dimensions the question uses (its vector is sparse:
    // a short question touches a fraction of them). Agreement is a small integer, so the cut is found by counting.
    private List<int> ShortList(float[] query, int size)
    {
        Span<ulong> bits = stackalloc ulong[words];
        Span<ulong> mask = stackalloc ulong[words];
        Signs(query, bits, mask: false);
        Signs(query, mask, mask: true);
        int most = words * 64;
        var agreement = AgreementPool.Rent(keys.Length);
        ulong[] q = bits.ToArray(), m = mask.ToArray();
        int slices = Math.Clamp(keys.Length / RowsPerSlice, 1, Environment.ProcessorCount);
        var histograms = new int[slices][];
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, slice =>
        {
            var histogram = histograms[slice] = new int[most + 1];
            int from = (int)((long)keys.Length * slice / slices), to = (int)((long)keys.Length * (slice + 1) / slices);
            ref ulong codes = ref MemoryMarshal.GetArrayDataReference(signs);
            if (words == 6)
            {
                // The local embeddings' 384 dimensions, unrolled: six words a row.
                ulong q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5];
                ulong m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5];
                for (int row = from; row < to; row++)
                {
                    ref ulong c = ref Unsafe.Add(ref codes, row * 6);
                    int agree = BitOperations.PopCount(~(c ^ q0) & m0) + BitOperations.PopCount(~(Unsafe.Add(ref c, 1) ^ q1) & m1)
                              + BitOperations.PopCount(~(Unsafe.Add(ref c, 2) ^ q2) & m2) + BitOperations.PopCount(~(Unsafe.Add(ref c, 3) ^ q3) & m3)
                              + BitOperations.PopCount(~(Unsafe.Add(ref c, 4) ^ q4) & m4) + BitOperations.PopCount(~(Unsafe.Add(ref c, 5) ^ q5) & m5);
                    agreement[row] = (ushort)agree;
                    histogram[agree]++;
                }
            }
            else
            {
                for (int row = from; row < to; row++)
                {
                    ref ulong c = ref Unsafe.Add(ref codes, row * words);
                    int agree = 0;
                    for (int w = 0; w < words; w++) agree += BitOperations.PopCount(~(Unsafe.Add(ref c, w) ^ q[w]) & m[w]);
                    agreement[row] = (ushort)agree;
                    histogram[agree]++;
                }
            }
        });

        // The highest cut that keeps at least `size` rows; rows at the cut itself fill up to the size, in row order.
        int cut = most, kept = 0;
        for (; cut > 0; cut--)
        {
            int atCut = 0;
            foreach (var h in histograms) atCut += h[cut];
            if (kept + atCut >= size) break;
            kept += atCut;
        }

        var rows = new List<int>(size);
        int ties = size - kept;
        for (int row = 0; row < keys.Length; row++)
        {
            if (agreement[row] > cut) rows.Add(row);
            else if (agreement[row] == cut && ties-- > 0) rows.Add(row);
        }

        AgreementPool.Return(agreement);
        return rows;
    }

    /// <summary>The dot product of two int8 vectors, exact in 32-bit integers.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        int i = 0, sum = 0;
        if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<sbyte>.Count)
        {
            var total = Vector256<int>.Zero;
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (aLow, aHigh) = Vector256.Widen(Vector256.Create(a.Slice(i, Vector256<sbyte>.Count)));
                var (bLow, bHigh) = Vector256.Widen(Vector256.Create(b.Slice(i, Vector256<sbyte>.Count)));
                // A product of two int8 values fits in 16 bits (at most 128 × 128); the sums are taken in 32.
                var (p0, p1) = Vector256.Widen(aLow * bLow);
                var (p2, p3) = Vector256.Widen(aHigh * bHigh);
                total += p0 + p1 + p2 + p3;
            }

            sum = Vector256.Sum(total);
        }

        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> into)
    {
        float max = TensorPrimitives.MaxMagnitude(vector);
        if (max == 0)
        {
            into.Clear();
            return 0;
        }

        float scale = max / 127f;
        Span<float> scaled = vector.Length <= 4096 ? stackalloc float[vector.Length] : new float[vector.Length];
        TensorPrimitives.Multiply(vector, 1 / scale, scaled);
        TensorPrimitives.Round(scaled, scaled);
        TensorPrimitives.ConvertSaturating<float, sbyte>(scaled, into);
        return scale;
    }

    // One bit per dimension: set where the value is positive, or (as a mask) where it is not zero.
    private static void Signs(ReadOnlySpan<float> vector, Span<ulong> into, bool mask)
    {
        into.Clear();
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= vector.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(vector.Slice(i, Vector256<float>.Count));
                uint bits = mask ? ~Vector256.Equals(v, Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFF
                                 : Vector256.GreaterThan(v, Vector256<float>.Zero).ExtractMostSignificantBits();
                into[i >> 6] |= (ulong)bits << (i & 63);
            }
        }

        for (; i < vector.Length; i++)
        {
            if (mask ? vector[i] != 0 : vector[i] > 0) into[i >> 6] |= 1UL << (i & 63);
        }
    }
}
