using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>NAT_DETECTION_*_IP data: SHA-1(SPIi | SPIr | IP | port) (RFC 7296 §2.23).</summary>
internal static class NatDetection
{
    [SuppressMessage("Security", "CA5350", Justification = "RFC 7296 §2.23 defines the NAT detection hash as SHA-1; it is no security boundary.")]
    public static byte[] Hash(ulong initiatorSpi, ulong responderSpi, IPEndPoint endpoint)
    {
        Span<byte> input = stackalloc byte[16 + 16 + 2];
        BinaryPrimitives.WriteUInt64BigEndian(input, initiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(input[8..], responderSpi);
        endpoint.Address.TryWriteBytes(input[16..], out int written);
        BinaryPrimitives.WriteUInt16BigEndian(input[(16 + written)..], (ushort)endpoint.Port);
        return SHA1.HashData(input[..(16 + written + 2)]);
    }

    /// <summary>The two NAT detection notifies; with <paramref name="fakeSource"/> the source hash is of the unspecified address and port 0, so the peer sees a NAT in front of this side.</summary>
    public static NotifyPayload[] Notifies(ulong initiatorSpi, ulong responderSpi, IPEndPoint source, IPEndPoint destination, bool fakeSource) =>
    [
        new(NotifyType.NatDetectionSourceIp, Hash(initiatorSpi, responderSpi, fakeSource ? Unspecified(source) : source)),
        new(NotifyType.NatDetectionDestinationIp, Hash(initiatorSpi, responderSpi, destination)),
    ];

    private static IPEndPoint Unspecified(IPEndPoint source) =>
        new(source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    /// <summary>
    /// Compares the peer's hashes with the addresses the datagram really had; null when the peer sent none.
    /// A mismatching source means the peer is behind a NAT, a mismatching destination that we are.
    /// </summary>
    public static (bool LocalBehindNat, bool RemoteBehindNat)? Check(
        IReadOnlyList<Payload> payloads, ulong initiatorSpi, ulong responderSpi, IPEndPoint from, IPEndPoint to)
    {
        List<NotifyPayload> notifies = [.. payloads.OfType<NotifyPayload>()];
        List<NotifyPayload> sources = [.. notifies.Where(n => n.NotifyType == NotifyType.NatDetectionSourceIp)];
        NotifyPayload? destination = notifies.FirstOrDefault(n => n.NotifyType == NotifyType.NatDetectionDestinationIp);
        if (sources.Count == 0 || destination is null)
        {
            return null;
        }

        byte[] fromHash = Hash(initiatorSpi, responderSpi, from);
        bool remoteBehindNat = !sources.Any(s => s.Data.Span.SequenceEqual(fromHash));
        bool localBehindNat = !destination.Data.Span.SequenceEqual(Hash(initiatorSpi, responderSpi, to));
        return (localBehindNat, remoteBehindNat);
    }
}
