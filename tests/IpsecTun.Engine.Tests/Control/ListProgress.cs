namespace IpsecTun.Engine.Tests.Control;

/// <summary>Collects reports synchronously, in the order they are made.</summary>
internal sealed class ListProgress<T>(List<T> list) : IProgress<T>
{
    public void Report(T value) => list.Add(value);
}
