namespace IpsecTun.Engine.Control.Protocol;

/// <summary>
/// Reads the control protocol's frames: UTF-8 JSON, one message per line. A frame longer than the limit
/// is skipped up to its newline rather than buffered, so a client cannot make the endpoint hold
/// unbounded memory, and the frames after it are read as usual.
/// </summary>
internal sealed class FrameReader(Stream stream, int maxFrameLength)
{
    private byte[] buffer = new byte[Math.Min(4096, maxFrameLength + 1)];
    private int start;
    private int end;

    // Bytes after start already searched for the newline, so a long frame is scanned once.
    private int scanned;

    // Inside a frame over the limit: its bytes are dropped as they arrive, until its newline.
    private bool skipping;
    private bool ended;

    /// <summary>
    /// The next frame without its newline, valid until the next call; null when the stream ended
    /// between frames.
    /// </summary>
    /// <exception cref="ControlProtocolException">
    /// The frame was too long (it has been skipped; reading may go on), or the stream ended inside it.
    /// </exception>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken)
    {
        while (!ended)
        {
            var newline = buffer.AsSpan(start + scanned, end - start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var frame = buffer.AsMemory(start, scanned + newline);
                start += scanned + newline + 1;
                scanned = 0;
                if (skipping)
                {
                    skipping = false;
                    throw new ControlProtocolException($"a message is longer than {maxFrameLength} bytes");
                }

                return frame;
            }

            scanned = end - start;
            if (scanned > maxFrameLength)
            {
                skipping = true;
                start = end = scanned = 0;
            }

            MakeRoom();
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                ended = true;
                if (scanned > 0 || skipping)
                {
                    throw new ControlProtocolException("the connection ended inside a message");
                }
            }

            end += read;
        }

        return null;
    }

    private void MakeRoom()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxFrameLength + 1));
        }
    }
}
