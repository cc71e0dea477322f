using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Tasks;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Replacing the IKE SA: by rekey (RFC 7296 §2.18), where the new SA inherits the Child SAs and the rekey
/// initiator deletes the old one, with simultaneous rekeys resolved by the lowest nonce (§2.8.2); and by
/// reauthentication (§2.8.3), where a new SA is established before the old one is deleted.
/// </summary>
public sealed partial class IkeSa
{
    /// <summary>The new IKE SA we answered a peer's rekey with while our own rekey was in flight, and that exchange's lowest nonce.</summary>
    private PeerIkeRekey? _peerRekey;

    private long _rekeyedAt;

    /// <summary>The SA this one reauthenticates; deleted once this one is established.</summary>
    private IkeSa? _replaces;

    /// <summary>The IKE SA that the rekey exchange created, inheriting everything but SPIs, keys and message IDs.</summary>
    internal static IkeSa CreateRekeyed(IkeSa old, bool isInitiator, ulong initiatorSpi, ulong responderSpi, NegotiatedTransforms transforms, IkeSaKeys keys)
    {
        var sa = new IkeSa(isInitiator, old.Settings, old.Host, old.Local, old.Remote, old.Random, old.Time)
        {
            Configuration = old.Configuration,
            InitiatorSpi = initiatorSpi,
            ResponderSpi = responderSpi,
            LocalBehindNat = old.LocalBehindNat,
            RemoteBehindNat = old.RemoteBehindNat,
            FragmentationAgreed = old.FragmentationAgreed,
            ModeConfig = old.ModeConfig,
            PeerIdentity = old.PeerIdentity,
        };
        sa.UseKeys(transforms, keys);
        sa.State = IkeSaState.Established;
        return sa;
    }

    /// <summary>
    /// Our rekey succeeded with <paramref name="successor"/>. Without a collision it takes the Child SAs and
    /// we delete this SA. After a collision the exchange holding the lowest of the four nonces is redundant:
    /// if it is ours we delete our new SA and the peer's one survives; otherwise ours survives.
    /// </summary>
    internal void CompleteIkeRekey(IkeSa successor, byte[] lowestNonce, IkeSaOutput output)
    {
        output.CreatedIkeSas.Add(successor);
        MarkRekeyed();
        if (_peerRekey is { } peer && peer.Successor.State == IkeSaState.Established && LowestNonce.Compare(lowestNonce, peer.LowestNonce) < 0)
        {
            output.Log($"IKE SA rekey collision: our exchange has the lowest nonce; deleting our new IKE SA {Describe(successor)}");
            MoveChildSasTo(peer.Successor, output);
            output.Append(successor.Delete());
            return;
        }

        if (_peerRekey is { } loser)
        {
            // The peer deletes the redundant SA it created; should its own exchange never complete (this SA
            // deleted first), nobody will, and the redundant SA closes by itself like a replaced one.
            output.Log($"IKE SA rekey collision: the peer's exchange has the lowest nonce; {Describe(successor)} survives");
            loser.Successor.MarkRekeyed();
        }

        MoveChildSasTo(successor, output);
        output.Raise(IkeSaEventKind.Rekeyed, $"IKE SA {Describe(this)} rekeyed to {Describe(successor)}");
        _tasks.Queue(new InformationalTask(DeletePayload.IkeSa()));
    }

    /// <summary>Our rekey failed: a new IKE SA we answered for the peer takes over, or this one stays and renews later.</summary>
    internal void IkeRekeyFailed(IkeSaOutput output)
    {
        if (_peerRekey is { } peer && peer.Successor.State == IkeSaState.Established)
        {
            MoveChildSasTo(peer.Successor, output);
            return;
        }

        _ikeRenewalStarted = false;
        _ikeRenewalRetryAt = RetryTime();
    }

    /// <summary>We answered the peer's rekey with <paramref name="successor"/>; the peer deletes this SA next.</summary>
    internal void AcceptPeerIkeRekey(IkeSa successor, byte[] lowestNonce, IkeSaOutput output)
    {
        output.CreatedIkeSas.Add(successor);
        output.Raise(IkeSaEventKind.Rekeyed, $"IKE SA {Describe(this)} rekeyed by the peer to {Describe(successor)}");
        if (_tasks.Active is IkeRekeyTask)
        {
            // A collision: which new SA survives is known once our own exchange completes.
            _peerRekey = new PeerIkeRekey(successor, lowestNonce);
            return;
        }

        MarkRekeyed();
        MoveChildSasTo(successor, output);
    }

    /// <summary>Called when the SA just got established: a reauthenticated SA now deletes the one it replaces.</summary>
    private void DeleteReplacedSa(IkeSaOutput output)
    {
        if (_replaces is not { } old)
        {
            return;
        }

        _replaces = null;
        if (old.State == IkeSaState.Established)
        {
            output.Raise(IkeSaEventKind.Rekeyed, $"IKE SA {Describe(old)} reauthenticated as {Describe(this)}; deleting it");
            output.Append(old.Delete());
        }
    }

    private void MarkRekeyed()
    {
        if (State == IkeSaState.Established)
        {
            State = IkeSaState.Rekeyed;
            _rekeyedAt = Time.GetTimestamp();
        }
    }

    private static string Describe(IkeSa sa) => $"{sa.InitiatorSpi:x16}_{sa.ResponderSpi:x16}";

    private sealed record PeerIkeRekey(IkeSa Successor, byte[] LowestNonce);
}
