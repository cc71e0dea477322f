namespace IpsecTun.Engine.Control.Protocol;

/// <summary>The rows of the menu asked for.</summary>
public sealed record ShowResponse(IReadOnlyList<ViewRow> Rows) : ControlResponse;
