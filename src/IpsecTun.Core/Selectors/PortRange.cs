namespace IpsecTun.Core;

/// <summary>An inclusive range of TCP/UDP/SCTP ports; <see cref="Any"/> matches every packet, with or without ports.</summary>
public readonly record struct PortRange(ushort Low, ushort High)
{
    public static PortRange Any { get; } = new(0, ushort.MaxValue);

    public static PortRange Of(ushort port) => new(port, port);

    public bool IsAny => Low == 0 && High == ushort.MaxValue;

    public bool Contains(ushort port) => port >= Low && port <= High;

    public override string ToString() => IsAny ? "any" : Low == High ? Low.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Low}-{High}";
}
