namespace IpsecTun.Esp;

/// <summary>Raised once per SA and limit when a soft or hard lifetime is reached.</summary>
public readonly record struct SaLifetimeEvent(SecurityAssociation Sa, LifetimeLimit Limit, LifetimeMeasure Measure);
