namespace IpsecTun.Crypto.Tests;

public class TransformRegistryTests
{
    [Fact]
    public void Ids_and_key_lengths_are_unique()
    {
        var keys = EncryptionAlgorithms.All.Select(a => (a.Id, a.KeyLengthBits)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Names_are_unique_across_each_family()
    {
        AssertUnique(EncryptionAlgorithms.All.Select(a => a.Name));
        AssertUnique(EncryptionAlgorithms.All.Select(a => a.ProfileName ?? a.Name));
        AssertUnique(IntegrityAlgorithms.All.Select(a => a.Name));
        AssertUnique(PrfAlgorithms.All.Select(a => a.Name));
        AssertUnique(KeyExchangeGroups.All.Select(a => a.Name));
    }

    private static void AssertUnique(IEnumerable<string> names)
    {
        var list = names.ToList();
        Assert.Equal(list.Count, list.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
