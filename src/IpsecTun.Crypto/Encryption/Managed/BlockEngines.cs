using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace IpsecTun.Crypto;

/// <summary>
/// Block cipher engines, keyed once per cipher and used block by block without allocating: BouncyCastle's,
/// except Camellia, whose BouncyCastle engines allocate per block.
/// </summary>
internal static class BlockEngines
{
    public static IBlockCipher Create(BlockCipherKind kind, bool forEncryption, ReadOnlySpan<byte> key)
    {
        IBlockCipher engine = kind switch
        {
            BlockCipherKind.Des => new DesEngine(),
            BlockCipherKind.TripleDes => new DesEdeEngine(),
            BlockCipherKind.Blowfish => new BlowfishEngine(),
            BlockCipherKind.Aes => AesUtilities.CreateEngine(),
            BlockCipherKind.Camellia => new CamelliaBlockCipher(),
            BlockCipherKind.Twofish => new TwofishEngine(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        engine.Init(forEncryption, new KeyParameter(key));
        return engine;
    }

    /// <summary>
    /// Overwrites an engine's key schedule by keying it with zeros: BouncyCastle engines offer no way to
    /// clear the schedule itself.
    /// </summary>
    public static void Wipe(IBlockCipher engine, int keySize)
    {
        if (engine is CamelliaBlockCipher camellia)
        {
            camellia.Clear();
            return;
        }

        engine.Init(true, new KeyParameter(new byte[keySize]));
    }
}
