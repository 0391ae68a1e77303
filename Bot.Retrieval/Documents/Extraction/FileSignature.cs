namespace Bot.Retrieval.Documents.Extraction;

/// <summary>The file's first bytes must agree with its extension: a renamed executable is not parsed as a PDF.</summary>
public static class FileSignature
{
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".docx", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
    };

    /// <summary>Images, read by OCR.</summary>
    public static readonly IReadOnlySet<string> Images = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".tif", ".tiff" };

    public static bool Matches(string extension, ReadOnlySpan<byte> head) => extension.ToLowerInvariant() switch
    {
        // The PDF header may follow some junk, within the first kilobyte.
        ".pdf" => head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0,
        ".docx" => head.StartsWith("PK\u0003\u0004"u8),
        ".html" or ".htm" => LooksLikeText(head),
        ".png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ".jpg" or ".jpeg" => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF,
        ".tif" or ".tiff" => head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8),
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
