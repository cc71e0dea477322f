using System.Net;

namespace IpsecTun.Interop.Tests.Lab;

/// <summary>
/// Two hosts joined by a veth pair: Left (10.99.0.1) and Right (10.99.0.2), each with an inside address
/// on its loopback (10.1.0.1 and 10.2.0.1) standing for the network behind it.
/// </summary>
internal sealed class SiteToSiteLab : IDisposable
{
    public static readonly IPAddress LeftOuter = IPAddress.Parse("10.99.0.1");
    public static readonly IPAddress RightOuter = IPAddress.Parse("10.99.0.2");
    public static readonly IPAddress LeftInside = IPAddress.Parse("10.1.0.1");
    public static readonly IPAddress RightInside = IPAddress.Parse("10.2.0.1");

    private static int s_counter;

    public SiteToSiteLab()
    {
        Left = new NetworkNamespace("l");
        Right = new NetworkNamespace("r");
        try
        {
            int id = Interlocked.Increment(ref s_counter);
            string left = LeftDevice = $"vl{Environment.ProcessId % 100000}x{id}";
            string right = RightDevice = $"vr{Environment.ProcessId % 100000}x{id}";
            Command.Run("ip", "link", "add", left, "netns", Left.Name, "type", "veth", "peer", "name", right, "netns", Right.Name).EnsureSuccess();
            Left.Ip("addr", "add", $"{LeftOuter}/24", "dev", left);
            Right.Ip("addr", "add", $"{RightOuter}/24", "dev", right);
            Left.Ip("link", "set", left, "up");
            Right.Ip("link", "set", right, "up");
            Left.Ip("addr", "add", $"{LeftInside}/32", "dev", "lo");
            Right.Ip("addr", "add", $"{RightInside}/32", "dev", "lo");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Left { get; }

    /// <summary>The veth end that carries <see cref="LeftOuter"/>.</summary>
    public string LeftDevice { get; } = "";

    /// <summary>The veth end that carries <see cref="RightOuter"/>.</summary>
    public string RightDevice { get; } = "";

    public NetworkNamespace Right { get; }

    /// <summary>Pings from <paramref name="from"/>'s inside address to <paramref name="to"/>; true when replies came back.</summary>
    public static CommandResult Ping(NetworkNamespace from, IPAddress source, IPAddress to, int count = 3) =>
        from.Exec(TimeSpan.FromSeconds(count + 10), "ping", "-n", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.3", "-W", "2", "-I", source.ToString(), to.ToString());

    public void Dispose()
    {
        Left.Dispose();
        Right.Dispose();
    }
}
