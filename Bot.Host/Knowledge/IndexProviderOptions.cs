namespace Bot.Host.Knowledge;

/// <summary>Which index stores the chunks: the embedded SQLite file (default), or a Qdrant server (Index:Qdrant:*).</summary>
public sealed class IndexProviderOptions
{
    public const string SectionName = "Index";

    public IndexProvider Provider { get; set; } = IndexProvider.Embedded;
}

/// <summary>Bound case-insensitively: Embedded, embedded and EMBEDDED are the same.</summary>
public enum IndexProvider
{
    Embedded,
    Qdrant,
}
