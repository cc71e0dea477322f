namespace IpsecTun.Ike.Tasks;

/// <summary>What the initiator of an exchange does after processing the response.</summary>
internal enum TaskOutcome
{
    /// <summary>The exchange is complete; the next queued task may start.</summary>
    Done,

    /// <summary>Send the request again, rebuilt (e.g. with the key exchange group the peer asked for).</summary>
    Retry,

    /// <summary>The IKE SA cannot continue.</summary>
    Failed,
}
