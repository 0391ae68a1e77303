using System.ComponentModel.DataAnnotations;

namespace Bot.Retrieval.Index.Qdrant;

/// <summary>The Qdrant index: where the server is (gRPC, port 6334; https means TLS), its key, and the alias questions use.</summary>
public sealed class QdrantOptions
{
    public const string SectionName = "Index:Qdrant";

    [Url(ErrorMessage = "Index:Qdrant:Endpoint must be an absolute http(s) URL, such as http://localhost:6334.")]
    public string? Endpoint { get; set; }

    /// <summary>From the environment (Index__Qdrant__ApiKey).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The alias every question queries; each full re-index builds <c>{Collection}_v{N}</c> behind it.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Index:Qdrant:Collection must be 1-64 letters, digits, '_' or '-'.")]
    public string Collection { get; set; } = "chatbot";

    /// <summary>The manifest (documents, hashes, term frequencies, collection versions): a small SQLite file, the source of truth beside Qdrant.</summary>
    [Required]
    public string ManifestPath { get; set; } = "data/qdrant-manifest.db";

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
