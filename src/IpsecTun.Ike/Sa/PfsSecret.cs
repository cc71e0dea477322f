using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Sa;

/// <summary>The g^ir of a CREATE_CHILD_SA key exchange (PFS), checked against the negotiated group.</summary>
internal static class PfsSecret
{
    public static bool TryCompute(KeyExchange? own, KeyExchangeGroup group, KeyExchangePayload? peer, out byte[] shared, IkeSaOutput output)
    {
        shared = [];
        if (own is null || own.Group != group || peer is null || peer.Group != group.Id)
        {
            output.Log($"PFS key exchange does not match {group}");
            return false;
        }

        shared = new byte[group.SharedSecretSize];
        if (!own.TryComputeSharedSecret(peer.Data.Span, shared, out KeyExchangeError failure))
        {
            output.Log($"peer's {group} public value rejected: {failure}");
            shared = [];
            return false;
        }

        return true;
    }
}
