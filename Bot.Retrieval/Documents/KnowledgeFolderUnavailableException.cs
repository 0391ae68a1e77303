namespace Bot.Retrieval.Documents;

/// <summary>
/// The knowledge folder is not there or cannot be read. Never read as an empty folder: syncing that would remove every
/// document from the index (and, with Qdrant, delete its points) because a path was mistyped or a volume not mounted.
/// </summary>
public sealed class KnowledgeFolderUnavailableException(string folder, string reason) : Exception(
    $"The knowledge folder {Path.GetFullPath(folder)} {reason}. Check --knowledge or Knowledge:Folder; the index was not changed.")
{
    public string Folder { get; } = Path.GetFullPath(folder);
}
