namespace Bot.Retrieval.Index;

/// <summary>A chunk's terms on disk: (term id, count) pairs, ids ascending and delta-coded, each number a varint.</summary>
internal static class TermCodec
{
    public static byte[] Encode(IReadOnlyList<(int Id, int Count)> terms)
    {
        var buffer = new List<byte>(terms.Count * 3);
        int previous = 0;
        foreach (var (id, count) in terms.OrderBy(t => t.Id))
        {
            Write(buffer, id - previous);
            Write(buffer, count);
            previous = id;
        }

        return [.. buffer];
    }

    public static void Decode(ReadOnlySpan<byte> data, List<(int Id, int Count)> into)
    {
        into.Clear();
        int position = 0, id = 0;
        while (position < data.Length)
        {
            id += Read(data, ref position);
            into.Add((id, Read(data, ref position)));
        }
    }

    private static void Write(List<byte> buffer, int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            buffer.Add((byte)(v | 0x80));
            v >>= 7;
        }

        buffer.Add((byte)v);
    }

    private static int Read(ReadOnlySpan<byte> data, ref int position)
    {
        int result = 0, shift = 0;
        while (true)
        {
            byte b = data[position++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
            shift += 7;
        }
    }
}
