namespace IpsecTun.Config.Import;

/// <summary>A script line that cannot be imported; the message says why and what would work.</summary>
internal sealed class ImportException : Exception
{
    public ImportException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public ImportException()
    {
    }

    public ImportException(string message)
        : base(message)
    {
    }

    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }
}
