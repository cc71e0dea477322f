namespace IpsecTun.Esp;

/// <summary>Creation, removal, hash chains and the LRU list.</summary>
internal sealed partial class NatConnectionTable
{
    private NatLookupResult Create(
        byte protocol, uint insideAddress, ushort insidePort, uint remoteAddress, ushort remotePort, long now, out int index)
    {
        index = -1;
        if (_free < 0 && !TryEvictOldest(now))
        {
            _statistics.Increment(SourceNatCounter.TableFull);
            return NatLookupResult.TableFull;
        }

        ushort externalPort = insidePort;
        if (!IsOutsideKeyFree(protocol, remoteAddress, remotePort, externalPort, now)
            && !TryPickRemapPort(protocol, insideAddress, insidePort, remoteAddress, remotePort, now, out externalPort))
        {
            _statistics.Increment(SourceNatCounter.NoPortAvailable);
            return NatLookupResult.NoPortAvailable;
        }

        index = _free;
        ref NatConnection c = ref _connections[index];
        _free = c.InsideNext;
        c = new NatConnection
        {
            Protocol = protocol,
            InsideAddress = insideAddress,
            InsidePort = insidePort,
            RemoteAddress = remoteAddress,
            RemotePort = remotePort,
            ExternalPort = externalPort,
            LastUsedTicks = now,
            Older = -1,
            Newer = -1,
        };

        int inside = InsideBucket(protocol, insideAddress, insidePort, remoteAddress, remotePort);
        c.InsideNext = _insideBuckets[inside];
        _insideBuckets[inside] = index;
        int outside = OutsideBucket(protocol, remoteAddress, remotePort, externalPort);
        c.OutsideNext = _outsideBuckets[outside];
        _outsideBuckets[outside] = index;
        AppendNewest(index);
        _count++;
        return NatLookupResult.Found;
    }

    private bool IsOutsideKeyFree(byte protocol, uint remoteAddress, ushort remotePort, ushort externalPort, long now) =>
        FindLive(FindOutside(protocol, remoteAddress, remotePort, externalPort), now) < 0;

    /// <summary>Probes the remap range from a point that depends on the flow, so collisions spread out.</summary>
    private bool TryPickRemapPort(
        byte protocol, uint insideAddress, ushort insidePort, uint remoteAddress, ushort remotePort, long now, out ushort port)
    {
        uint start = (uint)HashCode.Combine(insideAddress, insidePort, remoteAddress, remotePort);
        int probes = Math.Min(_remapPorts, ProbeLimit);
        for (int k = 0; k < probes; k++)
        {
            port = (ushort)(_firstRemapPort + (int)((start + (uint)k) % (uint)_remapPorts));
            if (IsOutsideKeyFree(protocol, remoteAddress, remotePort, port, now))
            {
                return true;
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Frees the least recently used connection if it has been idle long enough to give up.</summary>
    private bool TryEvictOldest(long now)
    {
        int oldest = _oldest;
        if (oldest < 0 || now - _connections[oldest].LastUsedTicks < _minimumIdleToEvict)
        {
            return false;
        }

        _statistics.Increment(IsExpired(oldest, now) ? SourceNatCounter.Expired : SourceNatCounter.Evicted);
        Remove(oldest);
        return true;
    }

    private int FindInside(byte protocol, uint insideAddress, ushort insidePort, uint remoteAddress, ushort remotePort)
    {
        for (int i = _insideBuckets[InsideBucket(protocol, insideAddress, insidePort, remoteAddress, remotePort)]; i >= 0; i = _connections[i].InsideNext)
        {
            ref NatConnection c = ref _connections[i];
            if (c.Protocol == protocol && c.InsideAddress == insideAddress && c.InsidePort == insidePort
                && c.RemoteAddress == remoteAddress && c.RemotePort == remotePort)
            {
                return i;
            }
        }

        return -1;
    }

    private int FindOutside(byte protocol, uint remoteAddress, ushort remotePort, ushort externalPort)
    {
        for (int i = _outsideBuckets[OutsideBucket(protocol, remoteAddress, remotePort, externalPort)]; i >= 0; i = _connections[i].OutsideNext)
        {
            ref NatConnection c = ref _connections[i];
            if (c.Protocol == protocol && c.RemoteAddress == remoteAddress && c.RemotePort == remotePort && c.ExternalPort == externalPort)
            {
                return i;
            }
        }

        return -1;
    }

    private void Remove(int index)
    {
        ref NatConnection c = ref _connections[index];
        Unlink(_insideBuckets, InsideBucket(c.Protocol, c.InsideAddress, c.InsidePort, c.RemoteAddress, c.RemotePort), index, inside: true);
        Unlink(_outsideBuckets, OutsideBucket(c.Protocol, c.RemoteAddress, c.RemotePort, c.ExternalPort), index, inside: false);
        UnlinkLru(index);
        c.InsideNext = _free;
        _free = index;
        _count--;
    }

    private void Unlink(int[] buckets, int bucket, int index, bool inside)
    {
        ref int link = ref buckets[bucket];
        while (link != index)
        {
            link = ref (inside ? ref _connections[link].InsideNext : ref _connections[link].OutsideNext);
        }

        link = inside ? _connections[index].InsideNext : _connections[index].OutsideNext;
    }

    private void MoveToNewest(int index)
    {
        if (_newest != index)
        {
            UnlinkLru(index);
            AppendNewest(index);
        }
    }

    private void AppendNewest(int index)
    {
        _connections[index].Older = _newest;
        _connections[index].Newer = -1;
        if (_newest >= 0)
        {
            _connections[_newest].Newer = index;
        }
        else
        {
            _oldest = index;
        }

        _newest = index;
    }

    private void UnlinkLru(int index)
    {
        ref NatConnection c = ref _connections[index];
        if (c.Older >= 0)
        {
            _connections[c.Older].Newer = c.Newer;
        }
        else
        {
            _oldest = c.Newer;
        }

        if (c.Newer >= 0)
        {
            _connections[c.Newer].Older = c.Older;
        }
        else
        {
            _newest = c.Older;
        }

        c.Older = -1;
        c.Newer = -1;
    }

    private int InsideBucket(byte protocol, uint insideAddress, ushort insidePort, uint remoteAddress, ushort remotePort) =>
        HashCode.Combine(protocol, insideAddress, insidePort, remoteAddress, remotePort) & _bucketMask;

    private int OutsideBucket(byte protocol, uint remoteAddress, ushort remotePort, ushort externalPort) =>
        HashCode.Combine(protocol, remoteAddress, remotePort, externalPort) & _bucketMask;
}
