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

    /// <summary>Records an authentication failure of <paramref name="kind"/> and raises it for the host with its reason.</summary>
    internal void FailAuthentication(IkeSaFailureKind kind, string reason, IkeSaOutput output)
    {
        NoteFailure(kind, reason);
        output.Raise(IkeSaEventKind.AuthenticationFailed, reason, kind);
    }

    /// <summary>Records <paramref name="reason"/> as the failure (the first one recorded stands) without logging it.</summary>
    internal void NoteFailure(IkeSaFailureKind kind, string reason) => Failure ??= new IkeSaFailure(kind, reason);
}
