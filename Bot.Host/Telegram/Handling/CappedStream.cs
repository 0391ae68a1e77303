namespace Bot.Host.Telegram.Handling;

/// <summary>
/// A write-only stream that refuses to grow past a limit: Telegram.Bot copies downloads with no cap of its own.
/// <paramref name="onWrite"/> is told of every write (the download's idle timer).
/// </summary>
public sealed class CappedStream(Stream inner, long limit, Action? onWrite = null) : Stream
{
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => written;

    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer.Length);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private void Count(int bytes)
    {
        written += bytes;
        if (written > limit) throw new LimitExceededException();
        onWrite?.Invoke();
    }

    /// <summary>The download grew past the limit.</summary>
    public sealed class LimitExceededException() : IOException("the download exceeded its size limit");

    /// <summary>True when <paramref name="error"/> is, or wraps, <see cref="LimitExceededException"/> (Telegram.Bot wraps what the copy threw).</summary>
    public static bool IsLimitExceeded(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is LimitExceededException) return true;
        }

        return false;
    }
}
