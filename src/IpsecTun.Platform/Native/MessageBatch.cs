using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IpsecTun.Platform.Native;

/// <summary>
/// Native mmsghdr, iovec and socket-address arrays for one direction of a socket, allocated once so that
/// batches allocate nothing. Packet buffers are pinned arrays, so their spans' addresses stay valid.
/// </summary>
internal sealed unsafe class MessageBatch : IDisposable
{
    private readonly int _capacity;
    private MultiMessageHeader* _headers;
    private IoVector* _vectors;
    private byte* _names;

    public MessageBatch(int capacity)
    {
        _capacity = capacity;
        _headers = (MultiMessageHeader*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(MultiMessageHeader));
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(IoVector));
        _names = (byte*)NativeMemory.AllocZeroed((nuint)capacity, SocketAddressCodec.MaxLength);
    }

    public int Capacity => _capacity;

    public MultiMessageHeader* Headers => _headers;

    public Span<byte> Name(int index) => new(_names + (index * SocketAddressCodec.MaxLength), SocketAddressCodec.MaxLength);

    /// <summary>Points message <paramref name="index"/> at <paramref name="data"/> and its name slot of <paramref name="nameLength"/> bytes.</summary>
    public void Set(int index, Span<byte> data, int nameLength)
    {
        _vectors[index].Base = Unsafe.AsPointer(ref MemoryMarshal.GetReference(data));
        _vectors[index].Length = (nuint)data.Length;
        ref MessageHeader header = ref _headers[index].Header;
        header = default;
        header.Name = _names + (index * SocketAddressCodec.MaxLength);
        header.NameLength = (uint)nameLength;
        header.Vectors = _vectors + index;
        header.VectorCount = 1;
        _headers[index].Length = 0;
    }

    public void Dispose()
    {
        NativeMemory.Free(_headers);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_names);
        _headers = null;
        _vectors = null;
        _names = null;
    }
}
