namespace Bot.Host.Telegram.Polling;

/// <summary>Wakes the dispatcher when new updates are in the inbox.</summary>
public sealed class UpdateSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);
}
