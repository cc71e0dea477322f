using System.Text;
using System.Text.Json;
using IpsecTun.Engine.Control;
using IpsecTun.Engine.Control.Protocol;

namespace IpsecTun.Engine.Tests.Control;

/// <summary>The control protocol's marshalling, independent of the transport (the same on a Unix socket and a named pipe).</summary>
public sealed class ProtocolTests
{
    public static TheoryData<string, ControlRequest> Requests => new()
    {
        { """{"command":"connect","peer":"office","timeout":"00:00:30"}""", new ConnectRequest("office", TimeSpan.FromSeconds(30)) },
        { """{"command":"disconnect","peer":"office"}""", new DisconnectRequest("office") },
        { """{"command":"show","menu":"InstalledSa","with-keys":true}""", new ShowRequest(ViewMenu.InstalledSa, true) },
        { """{"command":"reload"}""", new ReloadRequest() },
        { """{"command":"kill-connections"}""", new KillConnectionsRequest() },
        { """{"command":"flush-sa"}""", new FlushSaRequest() },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Requests_have_one_wire_form(string json, ControlRequest request)
    {
        Assert.Equal(json, JsonSerializer.Serialize(request, ControlJsonContext.Default.ControlRequest));
        Assert.Equal(request, JsonSerializer.Deserialize(json, ControlJsonContext.Default.ControlRequest));
    }

    [Fact]
    public void The_command_may_come_after_the_other_properties()
    {
        Assert.Equal(new DisconnectRequest("office"), JsonSerializer.Deserialize("""{"peer":"office","command":"disconnect"}""", ControlJsonContext.Default.ControlRequest));
    }

    [Fact]
    public void Responses_round_trip_with_their_contents()
    {
        var row = new ViewRow("DA", [new("src-address", "10.0.0.0/24"), new("ph2-count", "1")]);
        ControlResponse[] responses =
        [
            new ProgressResponse(ConnectPhase.Authentication),
            new ConnectResponse(new ConnectOutcome(ConnectResult.AuthenticationFailed, "office: AUTHENTICATION_FAILED")),
            new DisconnectResponse(true),
            new ShowResponse([row]),
            new ReloadResponse(new ReloadOutcome(["a", "b"], 1, 2)),
            new CountResponse(7),
            new ErrorResponse("line\nbreak"),
            new RefusedResponse("user 65534 (process 7) may not control this endpoint, only root and user 0 may"),
        ];
        foreach (var response in responses)
        {
            var json = JsonSerializer.Serialize(response, ControlJsonContext.Default.ControlResponse);
            Assert.DoesNotContain('\n', json);
            var back = JsonSerializer.Deserialize(json, ControlJsonContext.Default.ControlResponse)!;
            Assert.Equal(response.GetType(), back.GetType());
            Assert.Equal(json, JsonSerializer.Serialize(back, ControlJsonContext.Default.ControlResponse));
        }

        Assert.Equal(
            """{"type":"show","rows":[{"flags":"DA","properties":[{"key":"src-address","value":"10.0.0.0/24"},{"key":"ph2-count","value":"1"}]}]}""",
            JsonSerializer.Serialize<ControlResponse>(new ShowResponse([row]), ControlJsonContext.Default.ControlResponse));
    }

    [Fact]
    public async Task Frames_split_across_reads_and_several_in_one_read_come_out_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":1}\n{\"b\":2}\n\n{\"c\":3}\n");
        var reader = new FrameReader(new TrickleStream(bytes, chunk: 1), 64);
        List<string> frames = [];
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            frames.Add(Encoding.UTF8.GetString(frame.Span));
        }

        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}"], frames);

        reader = new FrameReader(new TrickleStream(bytes, chunk: 100), 64);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString((await reader.ReadAsync(TestContext.Current.CancellationToken))!.Value.Span));
        Assert.Equal("{\"b\":2}", Encoding.UTF8.GetString((await reader.ReadAsync(TestContext.Current.CancellationToken))!.Value.Span));
    }

    [Fact]
    public async Task A_frame_over_the_limit_is_skipped_and_one_cut_off_is_refused()
    {
        var reader = new FrameReader(new TrickleStream(Encoding.UTF8.GetBytes(new string('x', 300) + "\n{}\n"), chunk: 7), 64);
        await Assert.ThrowsAsync<ControlProtocolException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("{}", Encoding.UTF8.GetString((await reader.ReadAsync(TestContext.Current.CancellationToken))!.Value.Span));
        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));

        reader = new FrameReader(new TrickleStream(Encoding.UTF8.GetBytes(new string('x', 64) + "\n"), chunk: 7), 64);
        Assert.Equal(64, (await reader.ReadAsync(TestContext.Current.CancellationToken))!.Value.Length);

        reader = new FrameReader(new TrickleStream(Encoding.UTF8.GetBytes("{\"a\""), chunk: 2), 64);
        await Assert.ThrowsAsync<ControlProtocolException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }
}
