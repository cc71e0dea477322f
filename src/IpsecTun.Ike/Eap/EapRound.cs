using System.Net;
using System.Security.Cryptography;

namespace IpsecTun.Ike.Eap;

/// <summary>
/// One step of an EAP conversation run inside IKE_AUTH: the EAP packet to send, and at the end the MSK that keys
/// the final AUTH payloads (empty for methods that derive none) and what the server learnt about the user.
/// Disposing zeroes the MSK.
/// </summary>
public sealed class EapRound : IDisposable
{
    private readonly byte[] _msk;

    private EapRound(EapRoundKind kind, byte[]? message, byte[]? msk, string? reason)
    {
        Kind = kind;
        Message = message;
        _msk = msk ?? [];
        Reason = reason;
    }

    public EapRoundKind Kind { get; }

    /// <summary>The whole EAP packet to send, header included; null when there is none.</summary>
    public byte[]? Message { get; }

    /// <summary>The master session key of a successful key-generating method; empty otherwise.</summary>
    public ReadOnlySpan<byte> Msk => _msk;

    /// <summary>Why authentication failed; never holds secrets.</summary>
    public string? Reason { get; }

    /// <summary>At a server, the identity the user authenticated as.</summary>
    public string? Identity { get; private init; }

    /// <summary>At a server, the virtual address the authentication server assigned (RADIUS Framed-IP-Address).</summary>
    public IPAddress? AssignedAddress { get; private init; }

    public static EapRound Send(byte[] message) => new(EapRoundKind.Send, message ?? throw new ArgumentNullException(nameof(message)), null, null);

    public static EapRound Pending() => new(EapRoundKind.Pending, null, null, null);

    /// <summary>Success; takes ownership of <paramref name="msk"/>. A server also says who authenticated and what RADIUS assigned.</summary>
    public static EapRound Succeeded(byte[]? message, byte[]? msk, string? identity = null, IPAddress? assignedAddress = null) =>
        new(EapRoundKind.Succeeded, message, msk, null) { Identity = identity, AssignedAddress = assignedAddress };

    public static EapRound Failed(byte[]? message, string reason) => new(EapRoundKind.Failed, message, null, reason);

    public void Dispose() => CryptographicOperations.ZeroMemory(_msk);

    public override string ToString() => Reason is null ? $"{Kind}" : $"{Kind} ({Reason})";
}
