using Bot.Host.Formatting;
using Bot.Host.Knowledge;
using Bot.Host.Logging;
using Bot.Retrieval.Index;
using Microsoft.Extensions.Options;

namespace Bot.Host.Chat;

/// <summary>The slash commands of the console chat, answered in Kazakh.</summary>
public sealed class ChatCommands(KnowledgeService knowledge, Feedback.FeedbackStore feedback, Bot.Retrieval.Search.SearchOptions search,
    IOptions<KnowledgeOptions> options, ILogger<ChatCommands> logger)
{
    public async Task<string> HandleAsync(string line, CancellationToken cancellationToken)
    {
        var command = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries)[0].ToLowerInvariant();
        var rest = line.Length > command.Length ? line[command.Length..].Trim() : "";
        switch (command)
        {
            case "/start":
                return Messages.Start(await knowledge.ManifestAsync(cancellationToken), [], isPrivate: true, botUsername: "");
            case "/help":
                return Messages.ConsoleHelp;
            case "/ask":
                return rest.Length == 0 ? Messages.EmptyQuestion : PlainTextAnswer.Format(await knowledge.AskAsync(rest, cancellationToken), options.Value);
            case "/docs":
                var manifest = await knowledge.ManifestAsync(cancellationToken);
                return Messages.Documents(manifest);
            case "/stats":
                return Messages.Stats(knowledge.Stats.Answered, knowledge.Stats.NotFound, knowledge.Stats.MedianMs()) + "\n" + Messages.FeedbackCounts(feedback.CountsFor(30), 30);
            case "/gaps":
                return Feedback.GapDays.TryParse(rest, out var days) ? Messages.Gaps(feedback.Gaps(days, search.MinRelevance), days) : Messages.GapsUsage;
            case "/reindex":
                IndexReport? report;
                try
                {
                    report = await knowledge.TryReindexAsync(cancellationToken);
                }
                catch (IndexStorageException ex)
                {
                    logger.ReindexFailed(ex.Message);
                    return Messages.IndexStorageFull;
                }
                catch (Bot.Retrieval.Documents.KnowledgeFolderUnavailableException ex)
                {
                    logger.ReindexRefused(ex.Message);
                    return Messages.KnowledgeFolderMissing;
                }

                return report is null
                    ? Messages.ReindexRunning
                    : Messages.ReindexDone(report.Added, report.Changed, report.Removed, report.Unchanged, report.Chunks, report.Elapsed.TotalSeconds);
            default:
                return Messages.UnknownCommand;
        }
    }
}
