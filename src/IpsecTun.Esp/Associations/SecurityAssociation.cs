using System.Net;
using System.Security.Cryptography;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

/// <summary>
/// One installed SA: its parameters and keys, the per-worker keyed transforms, the sequence counter or
/// replay window, lifetimes and counters. Per-packet members are safe to call from several workers at once.
/// Keys are held in pinned arrays and zeroed on <see cref="Dispose"/>, which the owner calls once no
/// worker can still be using the SA.
/// </summary>
public sealed partial class SecurityAssociation : IDisposable
{
    private readonly SecurityAssociationDatabase _owner;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _integrityKey;
    private readonly SaCrypto?[] _crypto;
    private int _state;

    internal SecurityAssociation(SecurityAssociationSettings settings, SecurityAssociationDatabase owner, DateTimeOffset addTime, SaState state)
    {
        _owner = owner;
        Spi = settings.Spi;
        Direction = settings.Direction;
        Protocol = settings.Protocol;
        Mode = settings.Mode;
        Source = settings.Source;
        Destination = settings.Destination;
        Version = IpAddressBits.VersionOf(settings.Source);
        SourceBytes = settings.Source.GetAddressBytes();
        DestinationBytes = settings.Destination.GetAddressBytes();
        Encapsulation = settings.Encapsulation;
        Encryption = settings.Encryption;
        Integrity = settings.Integrity;
        ExtendedSequenceNumbers = settings.ExtendedSequenceNumbers;
        Lifetime = settings.Lifetime;
        Policy = settings.Policy;
        InboundSelector = settings.Policy?.Selector.Reverse();
        PathMtu = settings.PathMtu;
        InnerMtu = state == SaState.Larval ? 0 : InnerMtuFor(settings, Version);
        AddTime = addTime;
        _state = (int)state;
        _encryptionKey = Pinned(settings.EncryptionKey.Span);
        _integrityKey = Pinned(settings.IntegrityKey.Span);
        _crypto = new SaCrypto?[owner.WorkerCount];
        if (settings.Direction == SaDirection.Inbound && settings.ReplayWindow > 0 && state != SaState.Larval)
        {
            Window = new ReplayWindow(settings.ReplayWindow, settings.ExtendedSequenceNumbers);
        }

        if (state != SaState.Larval)
        {
            Validate(settings);
            _crypto[0] = CreateCrypto();
        }
    }

    public uint Spi { get; }

    public SaDirection Direction { get; }

    public IpsecProtocols Protocol { get; }

    public SaMode Mode { get; }

    /// <summary>src-address of the installed-sa view.</summary>
    public IPAddress Source { get; }

    /// <summary>dst-address of the installed-sa view.</summary>
    public IPAddress Destination { get; }

    /// <summary>IP version of the outer header.</summary>
    public byte Version { get; }

    internal byte[] SourceBytes { get; }

    internal byte[] DestinationBytes { get; }

    public UdpEncapsulation? Encapsulation { get; }

    public EncryptionAlgorithm? Encryption { get; }

    public IntegrityAlgorithm? Integrity { get; }

    public bool ExtendedSequenceNumbers { get; }

    /// <summary>The replay window of an inbound SA; null for outbound SAs and when replay protection is off.</summary>
    public ReplayWindow? Window { get; }

    public SaLifetime Lifetime { get; }

    public SecurityPolicy? Policy { get; }

    /// <summary>The policy's selector seen from the peer: what a decrypted packet must match.</summary>
    internal TrafficSelector? InboundSelector { get; }

    /// <summary>addtime.</summary>
    public DateTimeOffset AddTime { get; }

    public SaState State => (SaState)Volatile.Read(ref _state);

    /// <summary>True while packets may use the SA.</summary>
    public bool IsUsable => State is SaState.Mature or SaState.Dying;

    /// <summary>The ESP or AH ICV length.</summary>
    internal int IcvSize => Encryption is { IsAead: true } e ? e.IcvSize : Integrity?.IcvSize ?? 0;

    /// <summary>Time left until the soft lifetime (rekey), or until the hard one once soft passed: expires-in.</summary>
    public TimeSpan? ExpiresIn(DateTimeOffset now)
    {
        TimeSpan? limit = State == SaState.Mature ? Lifetime.SoftTime ?? Lifetime.HardTime : Lifetime.HardTime;
        return limit is TimeSpan t ? AddTime + t - now : null;
    }

    /// <summary>The keyed transforms of one worker, created on its first packet.</summary>
    internal SaCrypto GetCrypto(int worker)
    {
        SaCrypto? crypto = Volatile.Read(ref _crypto[worker]);
        if (crypto is not null)
        {
            return crypto;
        }

        crypto = CreateCrypto();
        SaCrypto? raced = Interlocked.CompareExchange(ref _crypto[worker], crypto, null);
        if (raced is null)
        {
            return crypto;
        }

        crypto.Dispose();
        return raced;
    }

    /// <summary>Moves the SA to dying (soft) or dead (hard), raising the event once.</summary>
    internal void Reach(LifetimeLimit limit, LifetimeMeasure measure)
    {
        if (limit == LifetimeLimit.Soft)
        {
            if (Interlocked.CompareExchange(ref _state, (int)SaState.Dying, (int)SaState.Mature) == (int)SaState.Mature)
            {
                _owner.Raise(new SaLifetimeEvent(this, limit, measure));
            }

            return;
        }

        int previous = Interlocked.Exchange(ref _state, (int)SaState.Dead);
        if (previous is (int)SaState.Mature or (int)SaState.Dying)
        {
            _owner.Raise(new SaLifetimeEvent(this, limit, measure));
        }
    }

    internal void MarkDead() => Volatile.Write(ref _state, (int)SaState.Dead);

    public void Dispose()
    {
        MarkDead();
        CryptographicOperations.ZeroMemory(_encryptionKey);
        CryptographicOperations.ZeroMemory(_integrityKey);
        for (int i = 0; i < _crypto.Length; i++)
        {
            Interlocked.Exchange(ref _crypto[i], null)?.Dispose();
        }
    }

    public override string ToString() => $"{Protocol} spi=0x{Spi:x8} {Source}->{Destination} {Mode} {State}";

    private SaCrypto CreateCrypto() => new(
        Encryption?.CreateCipher(_encryptionKey),
        Integrity?.CreateAuthenticator(_integrityKey));

    private static byte[] Pinned(ReadOnlySpan<byte> key)
    {
        byte[] copy = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(copy);
        return copy;
    }

    private static void Validate(SecurityAssociationSettings settings)
    {
        if (IpAddressBits.VersionOf(settings.Source) != IpAddressBits.VersionOf(settings.Destination))
        {
            throw new ArgumentException("The SA's source and destination addresses differ in family.", nameof(settings));
        }

        if (settings.Protocol == IpsecProtocols.Ah)
        {
            if (settings.Integrity is null || settings.Encryption is not null || settings.Encapsulation is not null)
            {
                throw new ArgumentException("An AH SA takes an integrity transform only and is never UDP-encapsulated.", nameof(settings));
            }
        }
        else if (settings.Protocol == IpsecProtocols.Esp)
        {
            if (settings.Encryption is null)
            {
                throw new ArgumentException("An ESP SA needs an encryption transform (NULL included).", nameof(settings));
            }

            if (settings.Encryption.IsAead && settings.Integrity is not null)
            {
                throw new ArgumentException("An AEAD protects integrity itself; the SA takes no integrity transform.", nameof(settings));
            }

            if (settings.Encryption.Id == EncryptionTransformId.Null && settings.Integrity is null)
            {
                throw new ArgumentException("NULL encryption without integrity protects nothing (RFC 4303 §3.2).", nameof(settings));
            }
        }
        else
        {
            throw new ArgumentException("An SA is either ESP or AH.", nameof(settings));
        }
    }
}
