using System.ComponentModel.DataAnnotations;

namespace Bot.Retrieval.Documents.Extraction;

/// <summary>Limits on the files parsers are given and on the parser process itself.</summary>
public sealed class ExtractionLimits
{
    public const string SectionName = "Extraction";

    /// <summary>Wall-clock limit for one file's parser process.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Memory cap of the parser process (its GC heap limit, and a working-set watchdog at 1.5×).</summary>
    [Range(32, 65536)]
    public int MemoryLimitMB { get; set; } = 1024;

    /// <summary>The largest PDF, DOCX or HTML file parsed.</summary>
    [Range(1L, 1L << 30)]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>DOCX: most zip entries.</summary>
    [Range(1, 1_000_000)]
    public int MaxZipEntries { get; set; } = 5000;

    /// <summary>DOCX: most bytes all entries may inflate to.</summary>
    [Range(1L, 1L << 34)]
    public long MaxInflatedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>DOCX: largest inflated/compressed ratio of an entry over 1 MB (text XML compresses about 10×).</summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Where parsed files are cached by content hash (default: "extracted" beside the index).</summary>
    public string? CacheFolder { get; set; }

    /// <summary>Part of the cache key: changing a limit re-parses files that failed under the old one.</summary>
    public string Fingerprint => $"{ParserVersion};{TimeoutSeconds};{MemoryLimitMB};{MaxFileBytes};{MaxZipEntries};{MaxInflatedBytes};{MaxCompressionRatio}";

    /// <summary>Bumped when a parser's output changes.</summary>
    public const string ParserVersion = "parsers-v2"; // v2: OCR'd blocks are marked
}
