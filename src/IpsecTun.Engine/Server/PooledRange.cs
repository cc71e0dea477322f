using IpsecTun.Config;
using IpsecTun.Core;

namespace IpsecTun.Engine.Server;

/// <summary>
/// One range of a pool as a run of equal blocks: single IPv4 addresses, or IPv6 prefixes of the lease
/// length aligned inside the range. A cursor makes allocation round-robin, so an address just released
/// (and remembered for its client) is the last one handed to somebody else.
/// </summary>
internal sealed class PooledRange
{
    private UInt128 _cursor;

    public PooledRange(AddressRange range, int ipv6PrefixLength)
    {
        Version = IpAddressBits.VersionOf(range.First);
        PrefixLength = Version == 4 ? 32 : ipv6PrefixLength;
        Step = UInt128.One << (IpAddressBits.BitLength(Version) - PrefixLength);
        UInt128 first = IpAddressBits.FromIPAddress(range.First);
        UInt128 last = IpAddressBits.FromIPAddress(range.Last);
        First = (first + Step - 1) / Step * Step; // the first whole block; wraps to 0 only at the very top
        Blocks = last >= First && First >= first ? ((last - First + 1) / Step) : UInt128.Zero;
    }

    public byte Version { get; }

    public int PrefixLength { get; }

    public UInt128 First { get; }

    public UInt128 Step { get; }

    public UInt128 Blocks { get; }

    /// <summary>
    /// Finds a block <paramref name="isFree"/> accepts, starting at the cursor. At most
    /// <paramref name="taken"/> + 1 blocks are tried: more blocks than that cannot all be taken.
    /// </summary>
    public bool TryTake(Func<AddressKey, bool> isFree, int taken, out AddressKey key)
    {
        UInt128 tries = UInt128.Min(Blocks, (UInt128)taken + 1);
        for (UInt128 k = 0; k < tries; k++)
        {
            UInt128 index = (_cursor + k) % Blocks;
            var candidate = new AddressKey(Version, First + index * Step);
            if (isFree(candidate))
            {
                _cursor = (index + 1) % Blocks;
                key = candidate;
                return true;
            }
        }

        key = default;
        return false;
    }
}
