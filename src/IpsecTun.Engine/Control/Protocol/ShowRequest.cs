namespace IpsecTun.Engine.Control.Protocol;

/// <summary>Asks for the rows of one menu; answered by a <see cref="ShowResponse"/>.</summary>
public sealed record ShowRequest(ViewMenu Menu, bool WithKeys) : ControlRequest;
