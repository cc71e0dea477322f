namespace IpsecTun.Cli;

/// <summary>
/// Reports on the caller's thread at once: <see cref="Progress{T}"/> posts to the thread pool, so a
/// phase could be printed after the command's result.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
