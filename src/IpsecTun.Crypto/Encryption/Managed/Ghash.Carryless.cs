using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace IpsecTun.Crypto;

/// <summary>
/// GF(2^128) multiplication with PCLMULQDQ, after Intel's "Carry-Less Multiplication and Its Usage for
/// Computing the GCM Mode": GHASH's bit-reflected operands, read as big-endian 128-bit integers, are
/// multiplied carry-less into 256 bits, shifted left by one to undo the reflection, and reduced modulo
/// x^128 + x^7 + x^2 + x + 1.
/// </summary>
internal sealed partial class Ghash
{
    public static bool CarrylessMultiplyIsSupported => Pclmulqdq.IsSupported && Sse2.IsSupported;

    private static (ulong High, ulong Low) CarrylessMultiply(ulong aHigh, ulong aLow, ulong bHigh, ulong bLow)
    {
        var a = Vector128.Create(aLow, aHigh);
        var b = Vector128.Create(bLow, bHigh);

        // The 256-bit product as low and high 128-bit halves, the two middle products folded in.
        var low = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        var high = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        var middle = Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01);
        low ^= Sse2.ShiftLeftLogical128BitLane(middle, 8);
        high ^= Sse2.ShiftRightLogical128BitLane(middle, 8);

        // Shift the 256-bit product left by one bit.
        var low32 = low.AsUInt32();
        var high32 = high.AsUInt32();
        var lowCarries = Sse2.ShiftRightLogical(low32, 31);
        var highCarries = Sse2.ShiftRightLogical(high32, 31);
        low32 = Sse2.ShiftLeftLogical(low32, 1) | Sse2.ShiftLeftLogical128BitLane(lowCarries, 4);
        high32 = Sse2.ShiftLeftLogical(high32, 1) | Sse2.ShiftLeftLogical128BitLane(highCarries, 4)
            | Sse2.ShiftRightLogical128BitLane(lowCarries, 12);

        // Reduce: fold the low half into the high half by the field polynomial, in two phases.
        var fold = Sse2.ShiftLeftLogical(low32, 31) ^ Sse2.ShiftLeftLogical(low32, 30) ^ Sse2.ShiftLeftLogical(low32, 25);
        var spill = Sse2.ShiftRightLogical128BitLane(fold, 4);
        low32 ^= Sse2.ShiftLeftLogical128BitLane(fold, 12);
        var second = Sse2.ShiftRightLogical(low32, 1) ^ Sse2.ShiftRightLogical(low32, 2) ^ Sse2.ShiftRightLogical(low32, 7) ^ spill;
        var result = (high32 ^ low32 ^ second).AsUInt64();
        return (result.GetElement(1), result.GetElement(0));
    }
}
