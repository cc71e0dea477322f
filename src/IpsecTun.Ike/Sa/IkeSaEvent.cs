namespace IpsecTun.Ike.Sa;

/// <summary>Something the host should know or log; the message never contains key material.</summary>
public sealed record IkeSaEvent(IkeSaEventKind Kind, string Message);
