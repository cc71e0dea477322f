using System.Buffers.Binary;
using System.Security.Cryptography;
using IpsecTun.Eap.Radius;

#pragma warning disable CA5351 // RADIUS is defined over MD5.

namespace IpsecTun.Eap.Tests;

public sealed class RadiusAccountingTests : IDisposable
{
    private static readonly byte[] Secret = "acct-secret"u8.ToArray();
    private readonly RadiusClientCodec _codec = new(Secret);

    public void Dispose() => _codec.Dispose();

    [Fact]
    public void The_request_authenticator_is_the_md5_of_the_packet_with_zeros_and_the_secret()
    {
        var record = new RadiusAccountingRecord(AccountingStatusType.Start, "sess-1");
        byte[] request = _codec.EncodeAccountingRequest(4, record.ToAttributes());

        byte[] zeroed = (byte[])request.Clone();
        zeroed.AsSpan(4, 16).Clear();
        Assert.Equal(MD5.HashData([.. zeroed, .. Secret]), request[4..20]);
        Assert.Equal((byte)RadiusCode.AccountingRequest, request[0]);
    }

    [Fact]
    public void Only_a_genuine_accounting_response_to_the_request_is_accepted()
    {
        byte[] request = _codec.EncodeAccountingRequest(4, new RadiusAccountingRecord(AccountingStatusType.Start, "sess-1").ToAttributes());
        byte[] requestAuthenticator = request[4..20];
        byte[] response = TestRadiusServer.Respond(RadiusCode.AccountingResponse, 4, requestAuthenticator, Secret, []);

        Assert.True(_codec.TryAcceptAccountingResponse(response, request, out string? reason), reason);

        byte[] forged = (byte[])response.Clone();
        forged[10] ^= 1;
        Assert.False(_codec.TryAcceptAccountingResponse(forged, request, out _));
        Assert.False(_codec.TryAcceptAccountingResponse(
            TestRadiusServer.Respond(RadiusCode.AccessAccept, 4, requestAuthenticator, Secret, []), request, out _));
        Assert.False(_codec.TryAcceptAccountingResponse(
            TestRadiusServer.Respond(RadiusCode.AccountingResponse, 5, requestAuthenticator, Secret, []), request, out _));
    }

    [Fact]
    public void A_stop_record_splits_large_byte_counts_into_gigawords()
    {
        ulong input = (5UL << 32) + 1234;
        var record = new RadiusAccountingRecord(AccountingStatusType.Stop, "sess-1", InputOctets: input, OutputOctets: 99,
            InputPackets: 7, OutputPackets: 8, SessionSeconds: 60, TerminateCause: AccountingTerminateCause.UserRequest);

        var attributes = record.ToAttributes().ToDictionary(a => a.Type, a => a.Value.ToArray());

        Assert.Equal(1234u, BinaryPrimitives.ReadUInt32BigEndian(attributes[RadiusAttributeType.AcctInputOctets]));
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32BigEndian(attributes[RadiusAttributeType.AcctInputGigawords]));
        Assert.Equal(99u, BinaryPrimitives.ReadUInt32BigEndian(attributes[RadiusAttributeType.AcctOutputOctets]));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(attributes[RadiusAttributeType.AcctOutputGigawords]));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(attributes[RadiusAttributeType.AcctStatusType]));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(attributes[RadiusAttributeType.AcctTerminateCause]));
        Assert.Equal("sess-1"u8.ToArray(), attributes[RadiusAttributeType.AcctSessionId]);
    }

    [Fact]
    public void A_start_record_carries_no_counters()
    {
        var types = new RadiusAccountingRecord(AccountingStatusType.Start, "s", InputOctets: 5).ToAttributes().Select(a => a.Type);

        Assert.Equal([RadiusAttributeType.AcctStatusType, RadiusAttributeType.AcctSessionId], types);
    }

    [Fact]
    public void An_interim_update_carries_counters_but_no_terminate_cause()
    {
        var types = new RadiusAccountingRecord(AccountingStatusType.InterimUpdate, "s", TerminateCause: AccountingTerminateCause.UserRequest).ToAttributes().Select(a => a.Type).ToList();

        Assert.Contains(RadiusAttributeType.AcctSessionTime, types);
        Assert.DoesNotContain(RadiusAttributeType.AcctTerminateCause, types);
    }
}
