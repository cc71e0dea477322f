namespace IpsecTun.Engine.Control;

/// <summary>Nothing answers on the control path: no endpoint runs there (or it stopped while a request was under way).</summary>
public sealed class EndpointNotRunningException(string path, string message, Exception? innerException = null) : IOException(message, innerException)
{
    public string Path { get; } = path;
}
