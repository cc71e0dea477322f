using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using IpsecTun.Core;

namespace IpsecTun.Platform.Windows;

/// <summary>
/// Windows: a Wintun adapter with one session. Reads drain the receive ring without waiting while it holds
/// packets and then wait on Wintun's read-wait event (or <see cref="StopReading"/>); writes allocate in the
/// send ring, copy and send. The adapter is created by <see cref="Create"/> and removed by Dispose, which
/// also ends the session: stop the reader and let it return first.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed unsafe class WintunDevice : ITunDevice
{
    private readonly ManualResetEvent _stop = new(false);
    private readonly BorrowedWaitHandle _readEvent;
    private readonly WaitHandle[] _waits;
    private nint _adapter;
    private nint _session;
    private long _writeErrors;
    private long _oversizedReads;

    private WintunDevice(string name, nint adapter, nint session, int interfaceIndex)
    {
        Name = name;
        _adapter = adapter;
        _session = session;
        InterfaceIndex = interfaceIndex;
        _readEvent = new BorrowedWaitHandle(WintunApi.WintunGetReadWaitEvent(session));
        _waits = [_readEvent, _stop];
    }

    public string Name { get; }

    public int InterfaceIndex { get; }

    public long WriteErrors => Interlocked.Read(ref _writeErrors);

    public long OversizedReads => Interlocked.Read(ref _oversizedReads);

    /// <summary>
    /// Creates adapter <paramref name="name"/> of <paramref name="tunnelType"/> (its device description) and
    /// starts a session with a ring of <paramref name="ringCapacity"/> bytes, a power of two from 128 KiB
    /// to 64 MiB. <paramref name="requestedGuid"/> keeps the adapter's identity (and Windows' network
    /// profile for it) stable across runs.
    /// </summary>
    public static WintunDevice Create(string name, string tunnelType = "ipsectun", Guid? requestedGuid = null, int ringCapacity = WintunRing.DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(tunnelType);
        if (!WintunRing.IsValidCapacity(ringCapacity))
        {
            throw new ArgumentOutOfRangeException(nameof(ringCapacity), ringCapacity, "A Wintun ring is a power of two from 128 KiB to 64 MiB.");
        }

        Guid guid = requestedGuid ?? default;
        nint adapter = WintunApi.WintunCreateAdapter(name, tunnelType, requestedGuid is null ? null : &guid);
        if (adapter == 0)
        {
            throw LastError($"create Wintun adapter {name}");
        }

        nint session = 0;
        try
        {
            NetLuid luid;
            WintunApi.WintunGetAdapterLUID(adapter, &luid);
            int index = IpHelperApi.IndexOf(luid);
            session = WintunApi.WintunStartSession(adapter, (uint)ringCapacity);
            if (session == 0)
            {
                throw LastError($"start a session on {name}");
            }

            return new WintunDevice(name, adapter, session, index);
        }
        catch
        {
            if (session != 0)
            {
                WintunApi.WintunEndSession(session);
            }

            WintunApi.WintunCloseAdapter(adapter);
            throw;
        }
    }

    /// <summary>The version of the loaded Wintun driver, or null when none is loaded.</summary>
    public static Version? RunningDriverVersion()
    {
        uint packed = WintunApi.WintunGetRunningDriverVersion();
        return packed == 0 ? null : WintunRing.DriverVersion(packed);
    }

    public int ReadBatch(Span<PacketBuffer> buffers)
    {
        ObjectDisposedException.ThrowIf(_session == 0, this);
        if (buffers.IsEmpty)
        {
            return 0;
        }

        while (!_stop.WaitOne(0))
        {
            int filled = ReceiveAvailable(buffers, out bool ended);
            if (filled > 0 || ended)
            {
                return filled;
            }

            if (WaitHandle.WaitAny(_waits) == 1)
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>Copies queued packets out of the ring; <paramref name="ended"/> when the adapter is going away.</summary>
    private int ReceiveAvailable(Span<PacketBuffer> buffers, out bool ended)
    {
        ended = false;
        int filled = 0;
        while (filled < buffers.Length)
        {
            uint size;
            byte* packet = WintunApi.WintunReceivePacket(_session, &size);
            if (packet is null)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error == WintunApi.ErrorNoMoreItems)
                {
                    break;
                }

                if (error == WintunApi.ErrorHandleEof)
                {
                    ended = true;
                    break;
                }

                throw new Win32Exception(error, "read from the Wintun ring");
            }

            PacketBuffer buffer = buffers[filled];
            buffer.Reset();
            Span<byte> target = buffer.Writable;
            if (size > target.Length)
            {
                Interlocked.Increment(ref _oversizedReads);
            }
            else
            {
                new ReadOnlySpan<byte>(packet, (int)size).CopyTo(target);
                buffer.SetLength((int)size);
                filled++;
            }

            WintunApi.WintunReleaseReceivePacket(_session, packet);
        }

        return filled;
    }

    public int WriteBatch(ReadOnlySpan<PacketBuffer> packets)
    {
        ObjectDisposedException.ThrowIf(_session == 0, this);
        int written = 0;
        foreach (PacketBuffer packet in packets)
        {
            Span<byte> data = packet.Data;
            byte* slot = data.Length is > 0 and <= WintunRing.MaxIpPacketSize
                ? WintunApi.WintunAllocateSendPacket(_session, (uint)data.Length)
                : null;
            if (slot is null)
            {
                // Ring full (ERROR_BUFFER_OVERFLOW), adapter ending, or a packet no ring holds: dropped.
                Interlocked.Increment(ref _writeErrors);
                continue;
            }

            data.CopyTo(new Span<byte>(slot, data.Length));
            WintunApi.WintunSendPacket(_session, slot);
            written++;
        }

        return written;
    }

    public void StopReading() => _stop.Set();

    public void Dispose()
    {
        if (_session != 0)
        {
            WintunApi.WintunEndSession(_session);
            _session = 0;
        }

        if (_adapter != 0)
        {
            WintunApi.WintunCloseAdapter(_adapter);
            _adapter = 0;
        }

        _readEvent.Dispose();
        _stop.Dispose();
    }

    private static Win32Exception LastError(string operation)
    {
        int error = Marshal.GetLastPInvokeError();
        return new Win32Exception(error, $"{operation}: {new Win32Exception(error).Message}");
    }
}
