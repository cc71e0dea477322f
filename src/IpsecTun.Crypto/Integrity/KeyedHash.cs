namespace IpsecTun.Crypto;

/// <summary>
/// A keyed MAC or PRF computed incrementally: append the message in parts, then finish, which also
/// resets it for the next message. Allocation-free after creation; one thread at a time.
/// </summary>
public abstract class KeyedHash : IDisposable
{
    /// <summary>Full output size in bytes, before any truncation.</summary>
    public abstract int OutputSize { get; }

    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes <see cref="OutputSize"/> bytes (or the first <c>output.Length</c> bytes when shorter) and resets.</summary>
    public abstract void Finish(Span<byte> output);

    /// <summary>Computes the output for one message.</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> output)
    {
        Append(data);
        Finish(output);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Zeroes the key and any keyed state.</summary>
    protected abstract void Dispose(bool disposing);
}
