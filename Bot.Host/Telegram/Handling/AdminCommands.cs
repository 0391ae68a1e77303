using Bot.Host.Formatting;
using Bot.Host.Knowledge;
using Bot.Host.Telegram.Sending;
using Bot.Retrieval.Documents;
using Bot.Retrieval.Documents.Extraction;
using Microsoft.Extensions.Options;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;

namespace Bot.Host.Telegram.Handling;

/// <summary>
/// What admins can do from a private chat: /reindex, /docs, /remove, /stats, and sending a document. Every action is
/// logged with who, what and the result. Uploads are size-checked before and during download and stored under a name
/// made from their content hash, never from the file name they arrived with.
/// </summary>
public sealed partial class AdminCommands(
    ITelegramBotClient bot,
    TelegramSender sender,
    KnowledgeService knowledge,
    IDocumentExtractor extractor,
    UploadRecords uploadRecords,
    Feedback.FeedbackStore feedback,
    Bot.Retrieval.Search.SearchOptions search,
    IOptions<TelegramOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<AdminCommands> logger)
{
    private static readonly IReadOnlySet<string> TextTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md" };

    private static readonly IReadOnlySet<string> UploadTypes = new HashSet<string>([.. TextTypes, .. FileSignature.Extensions], StringComparer.OrdinalIgnoreCase);

    private const int StatsDays = 30;

    public async Task RunAsync(Message message, string command, string arguments, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case "reindex":
                await ReindexAsync(message, target);
                break;
            case "docs":
                var manifest = await knowledge.ManifestAsync(cancellationToken);
                await sender.SendTextAsync(target, Messages.Documents(manifest, uploadRecords.UploadNames()), cancellationToken);
                Audit(message, "docs", $"{manifest.Documents.Count} documents");
                break;
            case "stats":
                await sender.SendTextAsync(target, Messages.Stats(knowledge.Stats.Answered, knowledge.Stats.NotFound, knowledge.Stats.MedianMs()) + "\n" + Messages.FeedbackCounts(feedback.CountsFor(StatsDays), StatsDays), cancellationToken);
                Audit(message, "stats", "shown");
                break;
            case "gaps":
                if (!Feedback.GapDays.TryParse(arguments, out var days))
                {
                    await sender.SendTextAsync(target, Messages.GapsUsage, cancellationToken);
                    break;
                }

                var gaps = feedback.Gaps(days, search.MinRelevance);
                var sent = await sender.SendAsync(target, TelegramHtml.Render([new TelegramHtml.Block(Messages.Gaps(gaps, days))]), null, cancellationToken);
                // A reply to the report with /teach N takes entry N's question.
                if (sent is not null) feedback.SaveReport(message.Chat.Id, sent, gaps.Take(Messages.GapsShown).Select(g => g.Example).ToList());
                Audit(message, "gaps", $"{gaps.Count} groups over {days} days");
                break;
            case "teach":
                await TeachAsync(message, arguments, target, cancellationToken);
                break;
            case "remove":
                await RemoveAsync(message, arguments, target, cancellationToken);
                break;
        }
    }

    // Runs in the background so that a second /reindex meanwhile is told one is running, and questions keep being answered.
    private async Task ReindexAsync(Message message, TelegramSender.Target target)
    {
        var run = knowledge.TryStartReindex(lifetime.ApplicationStopping);
        if (run is null)
        {
            Audit(message, "reindex", "refused: already running");
            await sender.SendTextAsync(target, Messages.ReindexRunning, lifetime.ApplicationStopping);
            return;
        }

        await sender.SendTextAsync(target, Messages.ReindexStarted, lifetime.ApplicationStopping);
        _ = Task.Run(async () =>
        {
            var stopping = lifetime.ApplicationStopping;
            try
            {
                var report = await run;
                Audit(message, "reindex", $"{report.Added} added, {report.Changed} changed, {report.Removed} removed, {report.Unchanged} unchanged");
                await sender.SendTextAsync(target, Messages.ReindexDone(report.Added, report.Changed, report.Removed, report.Unchanged, report.Chunks, report.Elapsed.TotalSeconds), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (IndexStorageException ex)
            {
                logger.AdminReindexFailed(message.From?.Id, ex.Message);
                await sender.SendTextAsync(target, Messages.IndexStorageFull, stopping);
            }
            catch (KnowledgeFolderUnavailableException ex)
            {
                logger.AdminReindexRefused(message.From?.Id, ex.Message);
                await sender.SendTextAsync(target, Messages.KnowledgeFolderMissing, stopping);
            }
            catch (Exception ex)
            {
                logger.AdminReindexCrashed(ex, message.From?.Id);
                await sender.SendTextAsync(target, Messages.TemporaryError, stopping);
            }
        });
    }

    /// <summary>
    /// /teach QUESTION, then the answer on the next lines: stored as knowledge/taught/&lt;time&gt;-&lt;hash&gt;.md (title
    /// "Әкімші жауабы", the question as its section, who and when in a comment) and indexed, so that later questions
    /// that match find and cite it like any document; /docs lists it and /remove removes it.
    /// </summary>
    private async Task TeachAsync(Message message, string arguments, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        var lines = arguments.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var question = lines[0].Trim();
        var answer = string.Join('\n', lines.Skip(1)).Trim();
        // As a reply to a /gaps report: /teach N, the answer on the next lines, teaches entry N's question.
        if (message.ReplyToMessage is { } report && int.TryParse(question, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var entry))
        {
            if (feedback.ReportQuestion(message.Chat.Id, report.Id, entry) is not { } reported)
            {
                await sender.SendTextAsync(target, Messages.TeachNoSuchEntry(entry), cancellationToken);
                return;
            }

            question = reported;
        }
        if (question.Length == 0 || answer.Length == 0 || question.Length > 500 || answer.Length > 4000)
        {
            await sender.SendTextAsync(target, Messages.TeachUsage, cancellationToken);
            return;
        }

        if (!await FolderReadableAsync(message, "teach", target, cancellationToken)) return;
        var now = time.GetUtcNow();
        var name = $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(question)))[..8].ToLowerInvariant()}";
        var folder = Path.Combine(knowledge.Folder, "taught");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".md");
        var text = $"# {Messages.TaughtTitle}\n\n## {question.Replace('\n', ' ').TrimStart('#', ' ')}\n\n{answer}\n\n" +
                   $"<!-- taught by admin {message.From?.Id} at {now:yyyy-MM-ddTHH:mm:ssZ} -->\n";
        // Written beside its name and moved in whole: an index run never reads half an answer.
        var temporary = Path.Combine(folder, "." + name + ".tmp");
        await File.WriteAllTextAsync(temporary, text, new System.Text.UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: false);
        var id = "taught/" + name;
        try
        {
            await knowledge.ReindexAsync(false, cancellationToken);
        }
        catch (IndexStorageException ex)
        {
            logger.TaughtNotIndexed(ex.Message);
            File.Delete(path);
            await sender.SendTextAsync(target, Messages.IndexStorageFull, cancellationToken);
            return;
        }

        Audit(message, "teach", $"stored and indexed '{id}'");
        await sender.SendTextAsync(target, Messages.Taught(question, id), cancellationToken);
    }

    private async Task RemoveAsync(Message message, string id, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        if (id.Length == 0)
        {
            await sender.SendTextAsync(target, Messages.RemoveUsage, cancellationToken);
            return;
        }

        if (!await FolderReadableAsync(message, "remove", target, cancellationToken)) return;
        var manifest = await knowledge.ManifestAsync(cancellationToken);
        if (!manifest.Documents.TryGetValue(id, out var document))
        {
            Audit(message, "remove", $"refused: no document '{id}'");
            await sender.SendTextAsync(target, Messages.RemoveNotFound(id), cancellationToken);
            return;
        }

        if (document.Source.Contains('#'))
        {
            Audit(message, "remove", $"refused: '{id}' is a line of a collection");
            await sender.SendTextAsync(target, Messages.RemoveCollectionLine(id), cancellationToken);
            return;
        }

        // The path comes from the index's own record, and must still resolve inside the knowledge folder.
        var folder = Path.GetFullPath(knowledge.Folder) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, document.Source));
        if (!path.StartsWith(folder, StringComparison.Ordinal))
        {
            Audit(message, "remove", $"refused: '{id}' resolves outside the knowledge folder");
            await sender.SendTextAsync(target, Messages.RemoveNotFound(id), cancellationToken);
            return;
        }

        File.Delete(path);
        var report = await knowledge.ReindexAsync(cancellationToken: cancellationToken);
        Audit(message, "remove", $"removed '{id}'");
        await sender.SendTextAsync(target, Messages.Removed(id, report.Chunks), cancellationToken);
    }

    private async Task<bool> FolderReadableAsync(Message message, string action, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        try
        {
            KnowledgeFolder.EnsureReadable(knowledge.Folder);
            return true;
        }
        catch (KnowledgeFolderUnavailableException ex)
        {
            logger.AdminActionRefused(action, message.From?.Id, ex.Message);
            await sender.SendTextAsync(target, Messages.KnowledgeFolderMissing, cancellationToken);
            return false;
        }
    }

    private void Audit(Message message, string action, string result) =>
        logger.AdminAction(action, message.From?.Id, message.Chat.Id, result);
}
