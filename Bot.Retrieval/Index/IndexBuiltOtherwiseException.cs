namespace Bot.Retrieval.Index;

/// <summary>
/// A command was pointed at an index built with other analysis, chunking or embedding settings than its own, and was not
/// asked to rebuild it: a one-off override must not rewrite the index everyone else uses.
/// </summary>
public sealed class IndexBuiltOtherwiseException(string index, string difference)
    : Exception($"The index {index} was built with other settings ({difference}), and this command does not rebuild it. " +
                "Pass --index PATH to use an index of its own, or rebuild this one with `index --full`.");
