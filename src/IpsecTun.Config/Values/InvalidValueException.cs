namespace IpsecTun.Config.Values;

/// <summary>
/// A value that does not parse. The message says what is allowed and is shown to the user after the
/// file, entry and property it came from; it never contains the value of a secret.
/// </summary>
internal sealed class InvalidValueException : Exception
{
    public InvalidValueException(string message)
        : base(message)
    {
    }

    public InvalidValueException()
    {
    }

    public InvalidValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
