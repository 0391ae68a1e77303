namespace Bot.Host.Knowledge;

/// <summary>
/// The index could not be written: the disk is full, or the file cannot be written at all. The update was one
/// transaction, so the previous index is unchanged and still answers.
/// </summary>
public sealed class IndexStorageException(string message, Exception inner) : IOException(message, inner)
{
    /// <summary>SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN; and ENOSPC / EDQUOT / ERROR_DISK_FULL from the file system.</summary>
    public static bool IsStorageFault(Exception ex) => ex switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 13 or 8 or 10 or 14,
        IOException io => (io.HResult & 0xFFFF) is 28 or 122 or 0x70 or 0x27,
        _ => false,
    };
}
