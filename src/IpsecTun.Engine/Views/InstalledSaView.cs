using IpsecTun.Crypto;
using IpsecTun.Engine.Control;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Views;

/// <summary>
/// The installed-sa menu: one row per SA with the manual's properties; flags E (ESP) or A (AH), and S (an
/// ipsectun addition) when the SA uses extended sequence numbers.
/// Larval SAs (SPIs reserved for an exchange in progress) have no keys or algorithms yet and are left
/// out. auth-key and enc-key appear only with keys asked for.
/// </summary>
public static class InstalledSaView
{
    public static IReadOnlyList<ViewRow> Build(IReadOnlyList<SecurityAssociation> sas, DateTimeOffset now, bool withKeys)
    {
        ArgumentNullException.ThrowIfNull(sas);
        return [.. sas.Where(sa => sa.State != SaState.Larval).Select(sa => Row(sa, now, withKeys))];
    }

    private static ViewRow Row(SecurityAssociation sa, DateTimeOffset now, bool withKeys)
    {
        var row = new RowBuilder()
            .Flag('E', sa.Protocol == IpsecProtocols.Esp)
            .Flag('A', sa.Protocol == IpsecProtocols.Ah)
            .Flag('S', sa.ExtendedSequenceNumbers)
            .Add("spi", $"0x{sa.Spi:X}")
            .Add("src-address", sa.Source)
            .Add("dst-address", sa.Destination)
            .Add("state", State(sa.State))
            .Add("auth-algorithm", sa.Integrity?.Name ?? (sa.Encryption is { IsAead: true } ? null : "null"));
        if (sa.Encryption is { } encryption)
        {
            row.Add("enc-algorithm", Family(encryption)).Add("enc-key-size", encryption.KeyMaterialSize * 8);
        }

        if (withKeys)
        {
            row.Add("auth-key", sa.Integrity is null ? null : sa.RevealIntegrityKeyHex())
                .Add("enc-key", sa.Encryption is null ? null : sa.RevealEncryptionKeyHex());
        }

        return row
            .Add("addtime", RouterOsText.Time(sa.AddTime))
            .Add("expires-in", sa.ExpiresIn(now) is TimeSpan left ? RouterOsText.Duration(WholeSeconds(left)) : null)
            .Add("add-lifetime", sa.Lifetime.AddLifetime)
            .Add("replay", sa.Window?.Size.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("current-bytes", sa.CurrentBytes)
            .Build();
    }

    /// <summary>RouterOS counts expires-in down in whole seconds (23m37s).</summary>
    private static TimeSpan WholeSeconds(TimeSpan time) => TimeSpan.FromSeconds(Math.Floor(time.TotalSeconds));

    private static string State(SaState state) => state switch
    {
        SaState.Mature => "mature",
        SaState.Dying => "dying",
        SaState.Dead => "dead",
        _ => "larval",
    };

    /// <summary>The cipher without its key size, as RouterOS names it here: aes-cbc, aes-gcm, 3des.</summary>
    private static string Family(EncryptionAlgorithm encryption) =>
        encryption.Name.Replace($"-{encryption.KeyLengthBits}", "", StringComparison.Ordinal);
}
