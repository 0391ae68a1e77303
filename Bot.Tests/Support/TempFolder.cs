namespace Bot.Tests.Support;

/// <summary>A folder under the system temp directory, deleted at dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatbot-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A knowledge folder holding a copy of the shipped seed document.</summary>
    public string SeedKnowledge(string name = "knowledge")
    {
        var folder = Combine(name);
        Directory.CreateDirectory(folder);
        File.Copy(Repo.SeedDocument, System.IO.Path.Combine(folder, "kazakhstan-industrialization.txt"));
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
