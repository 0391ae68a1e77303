namespace Bot.Retrieval.Documents.Extraction;

/// <summary>What a parser got out of one file: its title and text blocks, or the problem.</summary>
public sealed record Extraction(string? Title, IReadOnlyList<ExtractedBlock> Blocks, ExtractionProblem Problem = ExtractionProblem.None, string? Detail = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Succeeded => Problem == ExtractionProblem.None;

    public static Extraction Failed(ExtractionProblem problem, string detail) => new(null, [], problem, detail);

    /// <summary>
    /// Pages of a read document that OCR read with too little confidence, so they were left out rather than indexed as
    /// noise (<see cref="Detail"/> gives their confidence); reported to whoever added the document.
    /// </summary>
    public IReadOnlyList<int> UnreadPages { get; init; } = [];
}
