using System.Security.Cryptography;
using System.Text;
using Bot.Host.Formatting;
using Bot.Host.Knowledge;
using Bot.Host.Telegram.Sending;
using Bot.Retrieval.Documents.Cleaning;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;

namespace Bot.Host.Telegram.Handling;

// An admin's upload: size and type checked before and during the download, stored under its content hash, indexed, reported in Kazakh.
public sealed partial class AdminCommands
{
    public async Task UploadAsync(Message message, global::Telegram.Bot.Types.Document document, TelegramSender.Target target, CancellationToken cancellationToken)
    {
        var shownName = DisplayName(document.FileName);
        var extension = Path.GetExtension(document.FileName ?? "").ToLowerInvariant();
        if (!UploadTypes.Contains(extension))
        {
            Audit(message, "upload", $"refused: type '{extension}'");
            await sender.SendTextAsync(target, Messages.UnsupportedFile, cancellationToken);
            return;
        }

        int max = options.Value.MaxUploadBytes;
        if (document.FileSize is > 0 && document.FileSize > max)
        {
            Audit(message, "upload", $"refused: {document.FileSize} bytes");
            await sender.SendTextAsync(target, Messages.TooLarge(max), cancellationToken);
            return;
        }

        // Creating uploads/ in a folder that vanished would make a new, empty knowledge folder, and the re-index after the
        // upload would remove every other document.
        if (!await FolderReadableAsync(message, "upload", target, cancellationToken)) return;
        var uploads = Path.Combine(knowledge.Folder, "uploads");
        Directory.CreateDirectory(uploads);
        RemoveStaleTemporaries(uploads);
        // Hidden (a leading dot) until checked, so a re-index meanwhile skips it; the extension picks the parser.
        var temporary = Path.Combine(uploads, $".upload-{Guid.NewGuid():N}{extension}");
        var whole = TimeSpan.FromSeconds(options.Value.DownloadTimeoutSeconds);
        try
        {
            var downloaded = await TelegramDownload.ToFileAsync(bot, document.FileId, temporary, max, whole, cancellationToken);
            if (downloaded != TelegramDownload.Outcome.Done)
            {
                Audit(message, "upload", downloaded switch
                {
                    TelegramDownload.Outcome.TooLarge => $"refused: over {max} bytes by getFile",
                    TelegramDownload.Outcome.GrewTooLarge => $"refused: grew past {max} bytes while downloading",
                    TelegramDownload.Outcome.TimedOut => $"refused: the download took longer than {whole.TotalSeconds:0} s",
                    _ => $"refused: the download brought no data for {TelegramDownload.IdleLimit(whole).TotalSeconds:0} s",
                });
                await sender.SendTextAsync(target, downloaded is TelegramDownload.Outcome.TooLarge or TelegramDownload.Outcome.GrewTooLarge
                    ? Messages.TooLarge(max) : Messages.DownloadTimedOut, cancellationToken);
                return;
            }

            var bytes = await System.IO.File.ReadAllBytesAsync(temporary, cancellationToken);
            if (TextTypes.Contains(extension) && !IsUtf8(bytes))
            {
                Audit(message, "upload", "refused: not UTF-8");
                await sender.SendTextAsync(target, Messages.NotUtf8, cancellationToken);
                return;
            }

            IReadOnlyList<int> unreadPages = [];
            if (!TextTypes.Contains(extension))
            {
                // Parsed now, in the parser child, so the admin hears why a file gives no text; the result is cached for the re-index.
                var extraction = await Task.Run(() => extractor.Extract(temporary, cancellationToken), cancellationToken);
                if (!extraction.Succeeded)
                {
                    Audit(message, "upload", $"refused: {extraction.Problem} ({extraction.Detail})");
                    await sender.SendTextAsync(target, Messages.ExtractionFailed(shownName, extraction.Problem), cancellationToken);
                    return;
                }

                unreadPages = extraction.UnreadPages;
            }

            var name = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + extension;
            var final = Path.Combine(uploads, name);
            if (System.IO.File.Exists(final))
            {
                Audit(message, "upload", $"already present as uploads/{name}");
                await sender.SendTextAsync(target, Messages.UploadAlreadyPresent, cancellationToken);
                return;
            }

            System.IO.File.Move(temporary, final);
            uploadRecords.RecordUpload("uploads/" + Path.GetFileNameWithoutExtension(name), shownName, Convert.ToHexStringLower(SHA256.HashData(bytes)),
                message.From?.Id ?? 0, time.GetUtcNow());
            var report = await knowledge.ReindexAsync(cancellationToken: cancellationToken);
            Audit(message, "upload", $"saved uploads/{name} ({bytes.Length} bytes, original name '{shownName}'), {report.Added} added");
            await sender.SendTextAsync(target, Messages.UploadIndexed(shownName, report.Chunks, report.Elapsed.TotalSeconds) +
                (unreadPages.Count > 0 ? Messages.PagesUnread(unreadPages) : ""), cancellationToken);
        }
        catch (IndexStorageException ex)
        {
            logger.UploadNotIndexed(message.From?.Id, ex.Message);
            await sender.SendTextAsync(target, Messages.IndexStorageFull, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.UploadFailed(ex, message.From?.Id);
            await sender.SendTextAsync(target, Messages.UploadFailed(shownName), cancellationToken);
        }
        finally
        {
            if (System.IO.File.Exists(temporary)) System.IO.File.Delete(temporary);
        }
    }

    // A kill -9 mid-upload leaves its hidden temporary behind (never indexed: dot files are skipped); gone after an hour.
    private void RemoveStaleTemporaries(string uploads)
    {
        foreach (var file in Directory.EnumerateFiles(uploads, ".upload-*"))
        {
            try
            {
                if (time.GetUtcNow().UtcDateTime - System.IO.File.GetLastWriteTimeUtc(file) > TimeSpan.FromHours(1)) System.IO.File.Delete(file);
            }
            catch (IOException ex)
            {
                logger.UploadTemporaryKept(ex.Message);
            }
        }
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // The original name is shown, never used as a path: no directory parts, no control, bidi or zero-width characters.
    private static string DisplayName(string? fileName)
    {
        var name = ScriptRepair.CleanCharacters(fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        if (name.Length > 80) name = name[..80] + "…";
        return name.Length == 0 ? "файл" : name;
    }
}
