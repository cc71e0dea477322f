using System.Text.Json.Serialization;

namespace IpsecTun.Platform.State;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConfigurationState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
