namespace IpsecTun.Engine.Control;

/// <summary>A connected client; <paramref name="Refusal"/> says why it may not send commands, or is null when it may.</summary>
internal sealed record AcceptedClient(Stream Stream, string? Refusal);
