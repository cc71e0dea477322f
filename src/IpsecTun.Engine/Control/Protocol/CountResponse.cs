namespace IpsecTun.Engine.Control.Protocol;

/// <summary>How many SAs kill-connections or flush-sa removed.</summary>
public sealed record CountResponse(int Count) : ControlResponse;
