namespace IpsecTun.Ike.Sa;

/// <summary>The typed reason an IKE SA failed, for hosts that act on it rather than on log text.</summary>
public sealed partial class IkeSa
{
    /// <summary>Why authentication failed, once it did; null while nothing failed or for failures of other kinds.</summary>
    public IkeSaFailure? Failure { get; private set; }

    /// <summary>Records <paramref name="reason"/> as the failure (the first one recorded stands) and logs it.</summary>
    internal void NoteFailure(IkeSaFailureKind kind, string reason, IkeSaOutput output)
    {
        Failure ??= new IkeSaFailure(kind, reason);
        output.Log(reason);
    }
}
