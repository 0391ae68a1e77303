namespace Bot.Retrieval.Documents.Extraction;

/// <summary>The file's first bytes must agree with its extension: a renamed executable is not parsed as a PDF.</summary>
public static class FileSignature
{
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".pdf", ".docx", ".html", ".htm" };

    public static bool Matches(string extension, ReadOnlySpan<byte> head) => extension.ToLowerInvariant() switch
    {
        // The PDF header may follow some junk, within the first kilobyte.
        ".pdf" => head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0,
        ".docx" => head.StartsWith("PK\u0003\u0004"u8),
        ".html" or ".htm" => LooksLikeText(head),
        _ => false,
    };

    public static bool Matches(string path)
    {
        Span<byte> head = stackalloc byte[8192];
        int read;
        using (var file = File.OpenRead(path)) read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Matches(Path.GetExtension(path), head[..read]);
    }

    // Text has no NUL bytes and is not one of the binary formats we know by their magic.
    private static bool LooksLikeText(ReadOnlySpan<byte> head) =>
        head.IndexOf((byte)0) < 0 && !head.StartsWith("PK\u0003\u0004"u8) && !head.StartsWith("%PDF-"u8) && !head.StartsWith("\u007FELF"u8) &&
        !head.StartsWith("MZ"u8);
}
