using IpsecTun.Config;
using IpsecTun.Core;

namespace IpsecTun.Engine.Server;

/// <summary>
/// generate-policy's check of an initiator's traffic selectors against the templates of the identity's
/// policy-template-group: a template's src-address must cover the responder's side (TSr) and its
/// dst-address the initiator's (TSi), "in both directions"; its protocol, unless all, must be the proposed
/// one. Templates are tried in order; a template containing the proposal wins as it is, otherwise the
/// first template that overlaps it narrows it (RFC 7296 §2.9). A /0 template prefix stands for every
/// address of either family, which is how RouterOS's default template <c>::/0</c> admits IPv4 too.
/// </summary>
/// <remarks>
/// Ports: with port-strict the proposed ports are kept and must lie within the template's (a template
/// port of any admits every proposal); with port-override they are not checked and the generated policy
/// matches any port.
/// </remarks>
public static class PolicyTemplateMatcher
{
    /// <param name="policies">Every configured policy; only enabled templates of <paramref name="group"/> are considered.</param>
    /// <param name="group">The identity's policy-template-group.</param>
    /// <param name="proposed">The initiator's proposal from the responder's view: source = TSr, destination = TSi.</param>
    /// <param name="mode">The identity's generate-policy; <see cref="GeneratePolicy.No"/> never matches.</param>
    /// <param name="match">The template and the selector to generate, when one admits the proposal.</param>
    public static bool TryMatch(IEnumerable<Policy> policies, string group, TrafficSelector proposed, GeneratePolicy mode, out TemplateMatch? match)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(group);
        match = null;
        if (mode == GeneratePolicy.No)
        {
            return false;
        }

        Policy[] templates = [.. policies.Where(p => p.Template && !p.Disabled && string.Equals(p.Group, group, StringComparison.Ordinal))];
        foreach (Policy template in templates)
        {
            if (TryFit(template, proposed, mode, out TrafficSelector selector) && selector == Generated(proposed, mode))
            {
                match = new TemplateMatch(template, selector, Narrowed: false);
                return true;
            }
        }

        foreach (Policy template in templates)
        {
            if (TryFit(template, proposed, mode, out TrafficSelector selector))
            {
                match = new TemplateMatch(template, selector, Narrowed: true);
                return true;
            }
        }

        return false;
    }

    /// <summary>The proposal as a policy without narrowing: ports dropped under port-override.</summary>
    private static TrafficSelector Generated(TrafficSelector proposed, GeneratePolicy mode) =>
        mode == GeneratePolicy.PortOverride ? proposed with { SourcePorts = PortRange.Any, DestinationPorts = PortRange.Any } : proposed;

    /// <summary>The part of the proposal the template admits, if any.</summary>
    private static bool TryFit(Policy template, TrafficSelector proposed, GeneratePolicy mode, out TrafficSelector selector)
    {
        selector = default;
        if (!TryIntersect(Prefix(template.SrcAddress, proposed.Version), proposed.Source, out IpPrefix source)
            || !TryIntersect(Prefix(template.DstAddress, proposed.Version), proposed.Destination, out IpPrefix destination))
        {
            return false;
        }

        byte? protocol = proposed.Protocol;
        if (template.Protocol is int required)
        {
            if (protocol is byte p && p != required)
            {
                return false;
            }

            protocol = (byte)required;
        }

        PortRange sourcePorts = PortRange.Any, destinationPorts = PortRange.Any;
        if (mode == GeneratePolicy.PortStrict)
        {
            if (!Admits(template.SrcPort, proposed.SourcePorts) || !Admits(template.DstPort, proposed.DestinationPorts))
            {
                return false;
            }

            (sourcePorts, destinationPorts) = (proposed.SourcePorts, proposed.DestinationPorts);
        }

        selector = new TrafficSelector(source, destination, protocol, sourcePorts, destinationPorts);
        return true;
    }

    private static bool Admits(int? templatePort, PortRange proposed) =>
        templatePort is not int port || (proposed.Low == port && proposed.High == port);

    private static IpPrefix Prefix(System.Net.IPNetwork network, byte version) =>
        network.PrefixLength == 0 ? IpPrefix.Any(version) : IpPrefix.FromNetwork(network);

    private static bool TryIntersect(IpPrefix a, IpPrefix b, out IpPrefix intersection)
    {
        intersection = a.Contains(b) ? b : b.Contains(a) ? a : default;
        return a.Contains(b) || b.Contains(a);
    }
}
