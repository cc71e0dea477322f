using IpsecTun.Config.Values;

namespace IpsecTun.Config.Loading;

/// <summary>
/// Turns a secret as written into its bytes: <c>file:PATH</c> reads a file (relative to the
/// configuration file), <c>env:NAME</c> an environment variable, anything else is the secret itself.
/// Messages name the file or variable, never the secret.
/// </summary>
internal static class SecretResolver
{
    public static Secret Resolve(string text, string baseDirectory)
    {
        var content = text;
        if (text.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(text["file:".Length..], baseDirectory);
            try
            {
                content = File.ReadAllText(path).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidValueException($"file {path} cannot be read: {e.Message}", e);
            }
        }
        else if (text.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = text["env:".Length..];
            content = Environment.GetEnvironmentVariable(name)
                ?? throw new InvalidValueException($"environment variable {name} is not set");
        }

        if (content.Length == 0)
        {
            throw new InvalidValueException("the secret is empty");
        }

        return Secret.TryParse(content, out var secret)
            ? secret!
            : throw new InvalidValueException("starts with 0x but is not an even number of hexadecimal digits");
    }
}
