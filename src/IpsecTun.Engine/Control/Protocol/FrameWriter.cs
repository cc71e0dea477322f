using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Writes one message as a line of JSON (the serializer escapes newlines inside strings, so a line is a message).</summary>
internal static class FrameWriter
{
    public static async Task WriteAsync<T>(Stream stream, T message, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(message, typeInfo);
        var frame = new byte[json.Length + 1];
        json.CopyTo(frame, 0);
        frame[^1] = (byte)'\n';
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task WriteAsync(Stream stream, ControlResponse response, CancellationToken cancellationToken) =>
        WriteAsync(stream, response, ControlJsonContext.Default.ControlResponse, cancellationToken);

    public static Task WriteAsync(Stream stream, ControlRequest request, CancellationToken cancellationToken) =>
        WriteAsync(stream, request, ControlJsonContext.Default.ControlRequest, cancellationToken);
}
