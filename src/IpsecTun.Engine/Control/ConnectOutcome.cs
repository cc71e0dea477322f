namespace IpsecTun.Engine.Control;

/// <summary>The result of a connect with the one-line reason a user sees when it failed.</summary>
public sealed record ConnectOutcome(ConnectResult Result, string Message);
