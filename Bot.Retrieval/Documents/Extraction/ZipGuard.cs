using System.IO.Compression;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// Checks a DOCX (a zip) before any XML in it is read: the number of entries, and the bytes each really inflates to
/// (counted while inflating, since the sizes in the zip's directory can lie), in total and against its compressed size.
/// </summary>
internal static class ZipGuard
{
    public static string? Check(string path, ExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        using var zip = ZipFile.OpenRead(path);
        if (zip.Entries.Count > limits.MaxZipEntries) return $"{zip.Entries.Count} entries (at most {limits.MaxZipEntries})";
        long total = 0;
        var buffer = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long inflated = 0;
            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                inflated += read;
                total += read;
                if (total > limits.MaxInflatedBytes) return $"inflates past {limits.MaxInflatedBytes / (1024 * 1024)} MB";
                if (inflated > 1024 * 1024 && inflated > Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
                    return $"'{entry.FullName}' inflates more than {limits.MaxCompressionRatio}× its compressed size";
            }
        }

        return null;
    }
}
