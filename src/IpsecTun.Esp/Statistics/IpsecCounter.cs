namespace IpsecTun.Esp;

/// <summary>The error counters of the manual's Statistics menu, in its order.</summary>
public enum IpsecCounter
{
    /// <summary>in-errors: inbound errors no other counter covers.</summary>
    InErrors,

    /// <summary>in-buffer-errors: no free buffer.</summary>
    InBufferErrors,

    /// <summary>in-header-errors: the outer IP, UDP or ESP/AH header is malformed.</summary>
    InHeaderErrors,

    /// <summary>in-no-states: no SA for the SPI and protocol.</summary>
    InNoStates,

    /// <summary>in-state-protocol-errors: the transform failed (ICV mismatch, bad length or padding).</summary>
    InStateProtocolErrors,

    /// <summary>in-state-mode-errors: what was decapsulated does not fit the SA's mode.</summary>
    InStateModeErrors,

    /// <summary>in-state-sequence-errors: replayed, or older than the replay window.</summary>
    InStateSequenceErrors,

    /// <summary>in-state-expired: the SA reached its hard lifetime.</summary>
    InStateExpired,

    /// <summary>in-state-mismatches: the SA's options differ from the packet's (UDP encapsulation or not).</summary>
    InStateMismatches,

    /// <summary>in-state-invalid: the SA is not usable yet (larval).</summary>
    InStateInvalid,

    /// <summary>in-template-mismatches: the packet's SA is not what the matching policy asks for.</summary>
    InTemplateMismatches,

    /// <summary>in-no-policies: a decrypted packet matches no policy.</summary>
    InNoPolicies,

    /// <summary>in-policy-blocked: the matching policy's action is discard.</summary>
    InPolicyBlocked,

    /// <summary>in-policy-errors.</summary>
    InPolicyErrors,

    /// <summary>out-errors: outbound errors no other counter covers.</summary>
    OutErrors,

    /// <summary>out-bundle-errors.</summary>
    OutBundleErrors,

    /// <summary>out-bundle-check-errors.</summary>
    OutBundleCheckErrors,

    /// <summary>out-no-states: an encrypt policy with level require or unique has no SA.</summary>
    OutNoStates,

    /// <summary>out-state-protocol-errors: the transform failed.</summary>
    OutStateProtocolErrors,

    /// <summary>out-state-mode-errors: the packet does not fit the SA's mode.</summary>
    OutStateModeErrors,

    /// <summary>out-state-sequence-errors: the sequence number space is exhausted.</summary>
    OutStateSequenceErrors,

    /// <summary>out-state-expired: the SA reached its hard lifetime.</summary>
    OutStateExpired,

    /// <summary>out-policy-blocked: the matching policy's action is discard.</summary>
    OutPolicyBlocked,

    /// <summary>out-policy-dead.</summary>
    OutPolicyDead,

    /// <summary>out-policy-errors.</summary>
    OutPolicyErrors,
}
