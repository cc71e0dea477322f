using System.Net.Sockets;
using System.Runtime.Versioning;
using IpsecTun.Engine.Tests.Control;

namespace IpsecTun.Cli.Tests;

/// <summary>Something listens on the control socket but does not behave like an endpoint.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BrokenEndpointTests : IDisposable
{
    private readonly SocketDirectory directory = new();
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public BrokenEndpointTests()
    {
        listener.Bind(new UnixDomainSocketEndPoint(directory.Socket));
        listener.Listen(4);
    }

    public void Dispose()
    {
        listener.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task An_endpoint_that_hangs_up_before_answering_exits_6()
    {
        var run = CommandLine.RunAsync("reload", "--control", directory.Socket);
        using (var accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken))
        {
            // The request is read, as an endpoint that fails while carrying it out would.
            var request = new byte[256];
            Assert.True(await accepted.ReceiveAsync(request, TestContext.Current.CancellationToken) > 0);
        }

        var (code, _, error) = await run;
        Assert.Equal(6, code);
        Assert.Equal($"ipsectun: the endpoint at {directory.Socket} closed the connection before it answered\n", error);
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_exits_5_after_the_timeout_and_a_grace_period()
    {
        // Connected through the listen backlog, never accepted, never answered.
        var (code, _, error) = await CommandLine.RunAsync("connect", "office", "--timeout", "1s", "--control", directory.Socket);
        Assert.Equal(5, code);
        Assert.Equal($"ipsectun: the endpoint at {directory.Socket} did not answer within 11s\n", error);
    }
}
