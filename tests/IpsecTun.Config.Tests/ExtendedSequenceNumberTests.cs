namespace IpsecTun.Config.Tests;

/// <summary>The ipsectun section's extended-sequence-numbers: no unless asked for, three values, and a bad one named where it was written.</summary>
public sealed class ExtendedSequenceNumberTests
{
    [Fact]
    public void Without_the_setting_sas_use_32_bit_sequence_numbers()
    {
        var config = Loader.Valid("""{ "ipsectun": { "replay-window": 64 } }""");
        Assert.Equal(ExtendedSequenceNumberUse.No, config.Endpoint.ExtendedSequenceNumbers);
    }

    [Theory]
    [InlineData("\"no\"", ExtendedSequenceNumberUse.No)]
    [InlineData("\"yes\"", ExtendedSequenceNumberUse.Yes)]
    [InlineData("\"allowed\"", ExtendedSequenceNumberUse.Allowed)]
    [InlineData("\"Allowed\"", ExtendedSequenceNumberUse.Allowed)]
    [InlineData("true", ExtendedSequenceNumberUse.Yes)]
    [InlineData("false", ExtendedSequenceNumberUse.No)]
    public void Each_value_loads_from_the_file(string value, ExtendedSequenceNumberUse expected)
    {
        var config = Loader.Valid($$"""{ "ipsectun": { "extended-sequence-numbers": {{value}} } }""");
        Assert.Equal(expected, config.Endpoint.ExtendedSequenceNumbers);
    }

    [Fact]
    public void The_value_can_come_from_an_override()
    {
        var config = Loader.Valid("""{ "ipsectun": { "extended-sequence-numbers": "no" } }""", "ipsectun.extended-sequence-numbers=yes");
        Assert.Equal(ExtendedSequenceNumberUse.Yes, config.Endpoint.ExtendedSequenceNumbers);
    }

    [Fact]
    public void A_bad_value_names_file_entry_and_property_and_lists_the_allowed_values()
    {
        var error = Loader.ErrorAbout(Loader.Load("""
            {
              "ipsectun": { "extended-sequence-numbers": "alowed" }
            }
            """), "ipsectun", "extended-sequence-numbers");

        Assert.Equal("ipsectun", error.Entry);
        Assert.Matches(@"config\.json:2$", error.Source);
        Assert.Equal("\"alowed\" is not allowed; allowed: no, yes, allowed (did you mean allowed?)", error.Message);
        Assert.StartsWith(error.Source + ": ipsectun: extended-sequence-numbers: ", error.ToString(), StringComparison.Ordinal);
    }
}
