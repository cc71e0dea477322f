using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Protection;

/// <summary>The decrypted content of all fragments of one message, in order: a payload chain starting with <see cref="FirstPayload"/>.</summary>
public sealed record ReassembledMessage(uint MessageId, PayloadType FirstPayload, ReadOnlyMemory<byte> Payloads);
