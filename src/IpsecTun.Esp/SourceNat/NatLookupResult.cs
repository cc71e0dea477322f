namespace IpsecTun.Esp;

internal enum NatLookupResult
{
    Found,
    NotFound,
    TableFull,
    NoPortAvailable,
}
