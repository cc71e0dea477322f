using System.Text.Json.Serialization;

namespace IpsecTun.Engine.Control.Protocol;

/// <summary>
/// The control protocol's JSON, generated at compile time (no reflection, so trimming and AOT keep it):
/// kebab-case property names, enums by name, and every non-nullable property and constructor parameter
/// required, so that a request missing a field is refused instead of read as a default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
