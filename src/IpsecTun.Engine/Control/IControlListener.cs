namespace IpsecTun.Engine.Control;

/// <summary>The transport of the control socket: a Unix domain socket, or a named pipe on Windows.</summary>
internal interface IControlListener : IDisposable
{
    string Path { get; }

    /// <summary>Waits for the next client.</summary>
    Task<AcceptedClient> AcceptAsync(CancellationToken cancellationToken);
}
