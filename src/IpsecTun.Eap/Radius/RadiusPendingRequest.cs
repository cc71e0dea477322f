using System.Net;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// A request waiting for its answer: where it went, its identifier, and the check a datagram must pass to be
/// that answer (null from <see cref="Verify"/> accepts it, otherwise the reason it was refused).
/// </summary>
internal sealed class RadiusPendingRequest(IPEndPoint server, byte identifier, Func<byte[], string?> verify)
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IPEndPoint Server { get; } = server;

    public byte Identifier { get; } = identifier;

    public Task Answered => _answered.Task;

    public bool Matches(IPEndPoint from, byte identifier) =>
        identifier == Identifier && from.Port == Server.Port && Normalize(from.Address).Equals(Normalize(Server.Address));

    /// <summary>Runs the check; on success the waiting exchange wakes up.</summary>
    public string? Verify(byte[] datagram)
    {
        string? reason = verify(datagram);
        if (reason is null)
        {
            _answered.TrySetResult();
        }

        return reason;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
