using global::Telegram.Bot;

namespace Bot.Host.Telegram.Handling;

/// <summary>
/// One file from Telegram to a local path: its size checked before (getFile) and while it arrives (<see cref="CappedStream"/>),
/// with a deadline on the whole download and on each wait for the next bytes (a quarter of the whole, at most 30 s). A
/// file endpoint that stops sending and holds the socket would otherwise hold the chat forever.
/// </summary>
public static class TelegramDownload
{
    public enum Outcome
    {
        Done,

        /// <summary>getFile reported more than the limit, or no path: nothing was downloaded.</summary>
        TooLarge,

        /// <summary>The body grew past the limit while it arrived (getFile gave no size, or a wrong one).</summary>
        GrewTooLarge,

        /// <summary>The whole download took longer than its deadline.</summary>
        TimedOut,

        /// <summary>No byte arrived for <see cref="IdleLimit"/>.</summary>
        Stalled,
    }

    public static TimeSpan IdleLimit(TimeSpan whole) => TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, whole.TotalSeconds / 4)));

    public static async Task<Outcome> ToFileAsync(ITelegramBotClient bot, string fileId, string path, long max, TimeSpan whole, CancellationToken cancellationToken)
    {
        var idleLimit = IdleLimit(whole);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(whole);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        idle.CancelAfter(idleLimit);
        try
        {
            var file = await bot.GetFile(fileId, idle.Token);
            if (file.FileSize is > 0 && file.FileSize > max || file.FilePath is null) return Outcome.TooLarge;
            idle.CancelAfter(idleLimit);
            await using var output = new CappedStream(File.Create(path), max, () => idle.CancelAfter(idleLimit));
            await bot.DownloadFile(file.FilePath, output, idle.Token);
            return Outcome.Done;
        }
        catch (Exception ex) when (CappedStream.IsLimitExceeded(ex))
        {
            return Outcome.GrewTooLarge;
        }
        catch (Exception) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return deadline.IsCancellationRequested ? Outcome.TimedOut : Outcome.Stalled;
        }
    }
}
