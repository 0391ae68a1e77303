using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Bot.Retrieval.Index;

/// <summary>Vectors are stored as little-endian fp16: half the bytes of float32, and plenty of precision for cosine ranking.</summary>
internal static class VectorCodec
{
    public static byte[] Encode(float[] vector)
    {
        var halves = new Half[vector.Length];
        TensorPrimitives.ConvertToHalf(vector, halves);
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    public static bool TryDecode(byte[] blob, Span<float> destination)
    {
        if (blob.Length != destination.Length * 2) return false;
        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(blob), destination);
        return true;
    }
}
