using System.Buffers.Binary;

namespace IpsecTun.Esp.Tests;

/// <summary>Writes raw IP packets (link type 101) to a classic pcap file for an independent dissector to read.</summary>
internal static class PcapWriter
{
    private const uint Magic = 0xa1b2c3d4;
    private const uint LinkTypeRaw = 101;

    public static void Write(string path, IEnumerable<byte[]> packets)
    {
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeRaw);
        file.Write(header);

        uint second = 1;
        Span<byte> record = stackalloc byte[16];
        foreach (byte[] packet in packets)
        {
            record.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(record, second++);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
            file.Write(record);
            file.Write(packet);
        }
    }
}
