namespace IpsecTun.Eap.Methods.MsChapV2;

/// <summary>The OpCodes of EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2 §2); Change-Password (7) is not offered.</summary>
internal enum MsChapV2OpCode : byte
{
    Challenge = 1,
    Response = 2,
    Success = 3,
    Failure = 4,
}
