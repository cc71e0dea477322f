namespace IpsecTun.Engine.Server;

internal readonly record struct AddressKey(byte Version, UInt128 Address);
