namespace IpsecTun.Ike.Sa;

/// <summary>The typed reason an IKE SA failed, for hosts that act on it rather than on log text.</summary>
public sealed partial class IkeSa
{
    /// <summary>Why the SA failed or its peer was declared dead: the first reason noted; null while nothing failed.</summary>
    public IkeSaFailure? Failure { get; private set; }

    /// <summary>Records <paramref name="reason"/> as the failure (the first one recorded stands) and logs it.</summary>
    internal void NoteFailure(IkeSaFailureKind kind, string reason, IkeSaOutput output)
    {
        NoteFailure(kind, reason);
        output.Log(reason);
    }

    /// <summary>Records <paramref name="reason"/> as the failure (the first one recorded stands) without logging it.</summary>
    internal void NoteFailure(IkeSaFailureKind kind, string reason) => Failure ??= new IkeSaFailure(kind, reason);
}
