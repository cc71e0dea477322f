namespace IpsecTun.Eap.Radius;

/// <summary>Acct-Status-Type values (RFC 2866 §5.1).</summary>
public enum AccountingStatusType : uint
{
    Start = 1,
    Stop = 2,
    InterimUpdate = 3,
}
