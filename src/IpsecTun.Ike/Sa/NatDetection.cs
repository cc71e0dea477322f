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

    public static NotifyPayload[] Notifies(ulong initiatorSpi, ulong responderSpi, IPEndPoint source, IPEndPoint destination) =>
    [
        new(NotifyType.NatDetectionSourceIp, Hash(initiatorSpi, responderSpi, source)),
        new(NotifyType.NatDetectionDestinationIp, Hash(initiatorSpi, responderSpi, destination)),
    ];

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
