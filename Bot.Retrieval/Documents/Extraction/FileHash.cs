using System.Security.Cryptography;

namespace Bot.Retrieval.Documents.Extraction;

public static class FileHash
{
    /// <summary>The file's SHA-256, lower-case hex: what a document's content hash and the extraction cache both key on.</summary>
    public static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
