using System.Security.Cryptography;
using System.Text.Json;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>
/// Parses a file once per content: results (failures too) are kept as JSON under a key made of the file's SHA-256, the
/// parsers' version and the limits' fingerprint, so checking the folder for changes does not start a parser for every
/// PDF each time.
/// </summary>
public sealed class CachingExtractor(IDocumentExtractor inner, string folder, ExtractionLimits limits) : IDocumentExtractor
{
    /// <summary>Changes when the parsers read files differently (v2: scans and images through OCR).</summary>
    public const string ParsersVersion = "parsers-v2;";

    public Extraction Extract(string path, CancellationToken cancellationToken = default) => Extract(path, FileHash.Sha256(path), cancellationToken);

    public Extraction Extract(string path, string contentHash, CancellationToken cancellationToken = default)
    {
        // The parsers' version is part of the key: "no text" cached for a scan before OCR existed is not kept after.
        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            ParsersVersion + limits.Fingerprint + Path.GetExtension(path).ToLowerInvariant() + "\n" + contentHash)))[..32];
        var cached = Path.Combine(folder, key + ".json");
        if (File.Exists(cached))
        {
            try
            {
                if (JsonSerializer.Deserialize<Extraction>(File.ReadAllText(cached), DocumentParsers.Json) is { } hit) return hit;
            }
            catch (JsonException)
            {
                // a damaged cache entry is just parsed again
            }
        }

        var extraction = inner.Extract(path, cancellationToken);
        // Not kept: once OCR is installed, the same scan must be read.
        if (extraction.Problem == ExtractionProblem.OcrUnavailable) return extraction;
        try
        {
            Directory.CreateDirectory(folder);
            var temporary = $"{cached}.{Guid.NewGuid():N}.tmp"; // two copies of one file may be parsed at once
            File.WriteAllText(temporary, JsonSerializer.Serialize(extraction, DocumentParsers.Json));
            File.Move(temporary, cached, overwrite: true);
        }
        catch (IOException)
        {
            // a full disk costs a re-parse next time, nothing else
        }

        return extraction;
    }
}
