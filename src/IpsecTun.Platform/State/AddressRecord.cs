using System.Net;

namespace IpsecTun.Platform.State;

/// <summary>An <see cref="InterfaceAddress"/> in the state file's text form.</summary>
public sealed record AddressRecord(int InterfaceIndex, string Address, int PrefixLength)
{
    public static AddressRecord From(InterfaceAddress address) =>
        new(address.InterfaceIndex, address.Address.ToString(), address.PrefixLength);

    public InterfaceAddress ToAddress() => new(InterfaceIndex, IPAddress.Parse(Address), PrefixLength);
}
