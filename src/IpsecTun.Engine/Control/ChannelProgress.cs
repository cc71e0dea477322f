using System.Threading.Channels;

namespace IpsecTun.Engine.Control;

/// <summary>
/// Connect progress queued in report order: the endpoint may report from any thread and must not wait
/// for the client's socket, and every phase reaches the client before the outcome does.
/// </summary>
internal sealed class ChannelProgress(ChannelWriter<ConnectPhase> writer) : IProgress<ConnectPhase>
{
    // A report after the connect finished has nobody to go to and is dropped.
    public void Report(ConnectPhase value) => writer.TryWrite(value);
}
