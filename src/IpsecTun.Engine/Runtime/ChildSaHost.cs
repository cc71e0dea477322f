using System.Runtime.InteropServices;
using System.Security.Cryptography;
using IpsecTun.Core;
using IpsecTun.Crypto;
using IpsecTun.Esp;
using ProtocolId = IpsecTun.Ike.Messages.ProtocolId;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// Installs the Child SAs IKE negotiates into the ESP databases. Each Child SA becomes an inbound and an
/// outbound <see cref="SecurityAssociation"/> tied to the configured policy its selectors equal; selectors
/// narrower than that policy, or a responder's SA no policy covers, get a dynamic policy of their own that
/// goes when the SA goes. Dynamic policies added by others (a mode-config client's) count as configured ones.
/// A policy with level=unique takes only SAs negotiated for it (<see cref="PolicyOf"/>), and such an SA only
/// that policy or a dynamic one made from it: an SA negotiated for another policy never becomes its, even where
/// the peer narrowed that SA to exactly its selectors.
/// Removed SAs are disposed (keys zeroed) only at the second housekeeping pass
/// after their removal, since a datapath thread may still hold one for the packet in hand.
/// </summary>
public sealed class ChildSaHost : IChildSaHost
{
    /// <summary>How long an SPI handed to a negotiation stays reserved when no SA is installed under it.</summary>
    private static readonly TimeSpan LarvalTimeout = TimeSpan.FromMinutes(2);

    private readonly SecurityAssociationDatabase _sad;
    private readonly SecurityPolicyDatabase _spd;
    private readonly RandomSource _random;
    private readonly TimeProvider _time;
    private readonly int _replayWindow;
    private readonly Dictionary<uint, InstalledChild> _children = [];
    private readonly Dictionary<uint, long> _larval = [];
    private readonly List<SecurityAssociation> _retiring = [];
    private readonly List<SecurityAssociation> _retired = [];
    private readonly HashSet<SecurityPolicy> _generated = [];
    private readonly Lock _lock = new();

    public ChildSaHost(SecurityAssociationDatabase sad, SecurityPolicyDatabase spd, RandomSource random, TimeProvider time, int replayWindow)
    {
        ArgumentNullException.ThrowIfNull(sad);
        ArgumentNullException.ThrowIfNull(spd);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(time);
        _sad = sad;
        _spd = spd;
        _random = random;
        _time = time;
        _replayWindow = replayWindow;
    }

    /// <summary>Called after a Child SA is in the datapath, with its policy (for sending the packets that waited for it).</summary>
    public Action<SecurityPolicy>? Installed { get; set; }

    /// <summary>
    /// The template origin of a selector a responder generated a policy for (generate-policy), asked once per
    /// installation; such a policy is dynamic with level unique and goes at the end of the table, as RouterOS lists it.
    /// </summary>
    public Func<TrafficSelector, GeneratedPolicyOrigin?>? GeneratedFrom { get; set; }

    /// <summary>
    /// The configured policy whose Child SA settings a Child SA was negotiated under (null when none is known, e.g. a
    /// mode-config network's): what binds an SA to a policy with level=unique.
    /// </summary>
    public Func<ChildSaSettings, SecurityPolicy?>? PolicyOf { get; set; }

    /// <summary>The MTU of the path from a local to a remote address (0 unknown), which sizes the SAs' inner MTU.</summary>
    public Func<System.Net.IPAddress, System.Net.IPAddress, int>? PathMtu { get; set; }

    /// <summary>Child SAs that could not be installed (inconsistent transforms, a taken SPI).</summary>
    public long InstallFailures { get; private set; }

    internal IReadOnlyList<InstalledChild> Children
    {
        get
        {
            lock (_lock)
            {
                return [.. _children.Values];
            }
        }
    }

    public uint AllocateSpi(ProtocolId protocol)
    {
        uint spi = _sad.ReserveSpi(_random);
        lock (_lock)
        {
            _larval[spi] = _time.GetTimestamp();
        }

        return spi;
    }

    public void Install(ChildSaInstallation childSa)
    {
        ArgumentNullException.ThrowIfNull(childSa);
        using (childSa)
        {
            if (!SelectorConversion.TryCreate(childSa.LocalSelectors[0], childSa.RemoteSelectors[0], out TrafficSelector selector))
            {
                InstallFailures++;
                ReleaseLarval(childSa.InboundSpi);
                return;
            }

            IpsecProtocols protocol = childSa.Protocol == ProtocolId.Ah ? IpsecProtocols.Ah : IpsecProtocols.Esp;
            SaMode mode = childSa.Mode == ChildSaMode.Tunnel ? SaMode.Tunnel : SaMode.Transport;
            (SecurityPolicy policy, bool dynamic) = PolicyFor(selector, childSa, protocol, mode);
            UdpEncapsulation? encapsulation = childSa.UdpEncapsulation
                ? new UdpEncapsulation((ushort)childSa.Local.Port, (ushort)childSa.Remote.Port)
                : null;
            int pathMtu = PathMtu?.Invoke(childSa.Local.Address, childSa.Remote.Address) ?? 0;
            SecurityAssociationSettings inboundSettings = Settings(childSa, protocol, mode, encapsulation, policy, SaDirection.Inbound) with
            {
                ReplayWindow = _replayWindow,
                PathMtu = pathMtu,
            };
            SecurityAssociationSettings outboundSettings = Settings(childSa, protocol, mode, encapsulation, policy, SaDirection.Outbound) with { PathMtu = pathMtu };
            SecurityAssociation? inbound = null;
            SecurityAssociation outbound;
            try
            {
                inbound = _sad.Install(inboundSettings);
                outbound = _sad.Install(outboundSettings);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                InstallFailures++;
                if (inbound is not null)
                {
                    _sad.Remove(inbound);
                    inbound.Dispose();
                }

                ReleaseLarval(childSa.InboundSpi);
                if (dynamic)
                {
                    _spd.Remove(policy);
                    ForgetGenerated(policy);
                }

                return;
            }
            finally
            {
                // The database keeps its own copies of the keys.
                ZeroKeys(inboundSettings);
                ZeroKeys(outboundSettings);
            }

            lock (_lock)
            {
                _larval.Remove(childSa.InboundSpi);
                _children[childSa.InboundSpi] = new InstalledChild(inbound, outbound, policy, dynamic);
            }

            Installed?.Invoke(policy);
        }
    }

    public void Delete(ProtocolId protocol, uint inboundSpi)
    {
        InstalledChild? child;
        lock (_lock)
        {
            if (!_children.Remove(inboundSpi, out child))
            {
                ReleaseLarval(inboundSpi);
                return;
            }
        }

        Retire(child);
    }

    /// <summary>The Child SA whose inbound or outbound SA has SPI <paramref name="spi"/> in that direction.</summary>
    internal InstalledChild? Find(SaDirection direction, uint spi)
    {
        lock (_lock)
        {
            if (direction == SaDirection.Inbound)
            {
                return _children.GetValueOrDefault(spi);
            }

            foreach (InstalledChild child in _children.Values)
            {
                if (child.Outbound.Spi == spi)
                {
                    return child;
                }
            }

            return null;
        }
    }

    /// <summary>Removes every Child SA from the datapath (the installed-sa flush); returns how many SAs went.</summary>
    public int Flush()
    {
        List<InstalledChild> all;
        lock (_lock)
        {
            all = [.. _children.Values];
            _children.Clear();
        }

        all.ForEach(Retire);
        return all.Count * 2;
    }

    /// <summary>
    /// Disposes SAs removed two passes ago, releases SPIs whose negotiation never finished, and removes SAs
    /// the database expired. Called from the endpoint's timer loop.
    /// </summary>
    public void Housekeeping()
    {
        lock (_lock)
        {
            _retired.ForEach(sa => sa.Dispose());
            _retired.Clear();
            _retired.AddRange(_retiring);
            _retiring.Clear();
            foreach (uint spi in _larval.Where(l => _time.GetElapsedTime(l.Value) >= LarvalTimeout).Select(l => l.Key).ToList())
            {
                ReleaseLarval(spi);
            }
        }

        foreach (SecurityAssociation sa in _sad.Tick())
        {
            lock (_lock)
            {
                _retiring.Add(sa);
            }
        }
    }

    private void Retire(InstalledChild child)
    {
        _sad.Remove(child.Inbound);
        _sad.Remove(child.Outbound);
        if (child.DynamicPolicy)
        {
            _spd.Remove(child.Policy);
            ForgetGenerated(child.Policy);
        }

        lock (_lock)
        {
            _retiring.Add(child.Inbound);
            _retiring.Add(child.Outbound);
        }
    }

    private void ForgetGenerated(SecurityPolicy policy)
    {
        lock (_lock)
        {
            _generated.Remove(policy);
        }
    }

    private void ReleaseLarval(uint spi)
    {
        lock (_lock)
        {
            _larval.Remove(spi);
        }

        if (_sad.TryGetInbound(spi, out SecurityAssociation? larval) && larval.State == SaState.Larval)
        {
            _sad.Remove(larval);
        }
    }

    private static void ZeroKeys(SecurityAssociationSettings settings)
    {
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsMemory(settings.EncryptionKey).Span);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsMemory(settings.IntegrityKey).Span);
    }

    private static SecurityAssociationSettings Settings(
        ChildSaInstallation childSa, IpsecProtocols protocol, SaMode mode, UdpEncapsulation? encapsulation, SecurityPolicy policy, SaDirection direction)
    {
        bool inbound = direction == SaDirection.Inbound;
        return new SecurityAssociationSettings
        {
            Spi = inbound ? childSa.InboundSpi : childSa.OutboundSpi,
            Direction = direction,
            Protocol = protocol,
            Mode = mode,
            Source = inbound ? childSa.Remote.Address : childSa.Local.Address,
            Destination = inbound ? childSa.Local.Address : childSa.Remote.Address,
            Encapsulation = encapsulation,
            Encryption = protocol == IpsecProtocols.Esp ? childSa.Encryption : null,
            EncryptionKey = (inbound ? childSa.InboundEncryptionKey : childSa.OutboundEncryptionKey).ToArray(),
            Integrity = childSa.Encryption is { IsAead: true } ? null : childSa.Integrity,
            IntegrityKey = (inbound ? childSa.InboundIntegrityKey : childSa.OutboundIntegrityKey).ToArray(),
            Policy = policy,
            Lifetime = new SaLifetime { SoftTime = childSa.SoftLifetime, HardTime = childSa.HardLifetime },
            ExtendedSequenceNumbers = childSa.ExtendedSequenceNumbers,
        };
    }

    /// <summary>
    /// The configured encrypt policy the selector equals, or a new dynamic one: placed just above the
    /// configured policy that covers it (so it matches first), or at the top when none does.
    /// </summary>
    private (SecurityPolicy Policy, bool Dynamic) PolicyFor(TrafficSelector selector, ChildSaInstallation childSa, IpsecProtocols protocol, SaMode mode)
    {
        IReadOnlyList<SecurityPolicy> policies = _spd.Policies;
        SecurityPolicy? owner = PolicyOf?.Invoke(childSa.Settings);
        int covering = -1;
        for (int i = 0; i < policies.Count; i++)
        {
            SecurityPolicy candidate = policies[i];
            if (IsGenerated(candidate) || !candidate.MatchesTraffic || candidate.Action != PolicyAction.Encrypt || !MayServe(candidate, owner))
            {
                continue;
            }

            if (candidate.Selector == selector)
            {
                return (candidate, false);
            }

            if (covering < 0 && SelectorConversion.Covers(candidate.Selector, selector))
            {
                covering = i;
            }
        }

        if (GeneratedFrom?.Invoke(selector) is { } origin)
        {
            var generated = new SecurityPolicy(selector)
            {
                Action = PolicyAction.Encrypt,
                Level = PolicyLevel.Unique,
                Protocols = protocol,
                Tunnel = mode == SaMode.Tunnel,
                SaSource = childSa.Local.Address,
                SaDestination = childSa.Remote.Address,
                Dynamic = true,
                Peer = origin.Peer,
                Group = origin.Group,
                Proposal = origin.Proposal,
            };
            _spd.Insert(policies.Count, generated);
            Remember(generated);
            return (generated, true);
        }

        SecurityPolicy? template = covering >= 0 ? policies[covering] : owner;
        var dynamic = new SecurityPolicy(selector)
        {
            Action = PolicyAction.Encrypt,
            Level = template?.Level ?? PolicyLevel.Require,
            Protocols = protocol,
            Tunnel = mode == SaMode.Tunnel,
            SaSource = childSa.Local.Address,
            SaDestination = childSa.Remote.Address,
            Dynamic = true,
            Peer = template?.Peer,
            Group = template?.Group ?? "default",
            Proposal = template?.Proposal ?? "default",
        };
        _spd.Insert(Math.Max(covering, 0), dynamic);
        Remember(dynamic);
        return (dynamic, true);
    }

    /// <summary>
    /// Whether an SA negotiated for <paramref name="owner"/> may be tied to <paramref name="candidate"/> (or to a dynamic
    /// policy made from it): always its own policy; another only when neither is unique. Unknown owners keep selector matching.
    /// </summary>
    private static bool MayServe(SecurityPolicy candidate, SecurityPolicy? owner) =>
        owner is null || candidate == owner || (owner.Level != PolicyLevel.Unique && candidate.Level != PolicyLevel.Unique);

    private void Remember(SecurityPolicy generated)
    {
        lock (_lock)
        {
            _generated.Add(generated);
        }
    }

    /// <summary>A policy this host made for one SA: never shared with another SA, since it goes with its own.</summary>
    private bool IsGenerated(SecurityPolicy policy)
    {
        lock (_lock)
        {
            return _generated.Contains(policy);
        }
    }
}
