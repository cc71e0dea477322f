using System.Text.Encodings.Web;
using System.Text.Json;
using IpsecTun.Config.Import;

namespace IpsecTun.Config.Tests;

/// <summary>The console syntax import understands, checked on the JSON it writes.</summary>
public sealed class ImportSyntaxTests
{
    [Fact]
    public void One_line_menu_add_and_v7_slash_paths_import_alike()
    {
        Assert.Equal(Menu(Import("/ip ipsec peer add name=a address=192.0.2.1/32"), "ip", "ipsec", "peer"),
            Menu(Import("/ip/ipsec/peer add name=a address=192.0.2.1/32"), "ip", "ipsec", "peer"));
        Assert.Equal("""[{"name":"a","address":"192.0.2.1/32"}]""", Menu(Import("/ip ipsec peer add name=a address=192.0.2.1/32"), "ip", "ipsec", "peer"));
    }

    [Fact]
    public void Menu_and_property_abbreviations_expand_when_unambiguous()
    {
        var json = Import("/ip ipsec mode-conf\nadd name=m address-poo=p split=10.0.0.0/8");
        Assert.Equal("""[{"name":"m","address-pool":"p","split-include":"10.0.0.0/8"}]""", Menu(json, "ip", "ipsec", "mode-config"));
    }

    [Fact]
    public void An_ambiguous_abbreviation_names_the_candidates()
    {
        var result = RouterOsImporter.Import("/ip ipsec mode-config add name=m addr=10.0.0.1", "a.rsc");
        Assert.Equal(["a.rsc:1: addr is ambiguous in /ip ipsec mode-config: address, address-pool, address-prefix-length"], result.Errors);
    }

    [Fact]
    public void Relative_menu_commands_follow_the_current_menu()
    {
        var json = Import("/ip ipsec\npeer add name=a\nprofile\nadd name=p");
        Assert.Equal("""[{"name":"a"}]""", Menu(json, "ip", "ipsec", "peer"));
        Assert.Equal("""[{"name":"p"}]""", Menu(json, "ip", "ipsec", "profile"));
    }

    [Fact]
    public void Set_default_and_find_default_reach_the_built_in_entries()
    {
        var json = Import("""
            /ip ipsec profile set default enc-algorithm=aes-256
            /ip ipsec proposal set [ find default=yes ] pfs-group=none
            /ip ipsec policy set [ find default=yes ] proposal=p2
            """);
        Assert.Equal("""[{"name":"default","enc-algorithm":"aes-256"}]""", Menu(json, "ip", "ipsec", "profile"));
        Assert.Equal("""[{"name":"default","pfs-group":"none"}]""", Menu(json, "ip", "ipsec", "proposal"));
        Assert.Equal("""[{"default":"yes","proposal":"p2"}]""", Menu(json, "ip", "ipsec", "policy"));
    }

    [Fact]
    public void A_RouterOS_v7_export_imports_with_its_set_0_and_default_entries()
    {
        var result = RouterOsImporter.Import("""
            # 2024-03-01 10:00:00 by RouterOS 7.14
            # software id = ABCD-1234
            #
            /interface bridge
            add name=loopback
            /ip ipsec policy group
            add name=rw
            /ip ipsec profile
            set [ find default=yes ] dpd-interval=30s
            add dh-group=ecp256 enc-algorithm=aes-256 name=ike2
            /ip ipsec proposal
            set [ find default=yes ] disabled=yes
            add name=ike2 pfs-group=none
            /ip ipsec policy
            set 0 dst-address=0.0.0.0/0 src-address=0.0.0.0/0
            add dst-address=10.0.0.0/24 group=rw proposal=ike2 src-address=0.0.0.0/0 template=yes
            /system identity
            set name=gw
            /tool fetch url=https://example.com/x mode=https
            """, "export.rsc");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(["skipped: /interface bridge (line 5)", "skipped: /system identity (line 18)", "skipped: /tool fetch (line 19)"], result.Skipped);
        Assert.Equal("""[{"name":"default","dpd-interval":"30s"},{"dh-group":"ecp256","enc-algorithm":"aes-256","name":"ike2"}]""", Menu(result.Json, "ip", "ipsec", "profile"));
        Assert.Equal("""[{"default":"yes","dst-address":"0.0.0.0/0","src-address":"0.0.0.0/0"},{"dst-address":"10.0.0.0/24","group":"rw","proposal":"ike2","src-address":"0.0.0.0/0","template":"yes"}]""",
            Menu(result.Json, "ip", "ipsec", "policy"));

        using var directory = new TempDirectory();
        var config = Loader.Valid(Loader.Load(directory, result.Json));
        var template = config.Policies[0];
        Assert.True(template.IsDefault && template.Template);
        Assert.Equal(System.Net.IPNetwork.Parse("0.0.0.0/0"), template.DstAddress);
        Assert.True(config.Proposal("default").Disabled);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Profile("default").DpdInterval);
    }

    [Fact]
    public void Set_find_changes_entries_added_earlier_in_place()
    {
        var json = Import("""
            /ip ipsec proposal
            add name=a lifetime=1h
            add name=b
            set [ find where name="a" ] lifetime=2h pfs-group=none
            set b lifetime=3h
            """);
        Assert.Equal("""[{"name":"a","lifetime":"2h","pfs-group":"none"},{"name":"b","lifetime":"3h"}]""", Menu(json, "ip", "ipsec", "proposal"));
    }

    [Fact]
    public void Quoting_escapes_comments_and_continuations()
    {
        var json = Import("""
            # a comment line

            /ip ipsec peer
            add name="office \"main\"" \
                comment="tab\there\_and\5Cslash" \
                address=192.0.2.1
            """);
        Assert.Equal("""[{"name":"office \"main\"","comment":"tab\there and\\slash","address":"192.0.2.1"}]""", Menu(json, "ip", "ipsec", "peer"));
    }

    [Fact]
    public void Single_menus_are_set_without_a_target_and_lists_stay_comma_strings()
    {
        var json = Import("/ip dns set servers=10.5.8.1,10.5.8.2\n/ip ipsec settings set accounting=no");
        Assert.Equal("""{"servers":"10.5.8.1,10.5.8.2"}""", Menu(json, "ip", "dns"));
        Assert.Equal("""{"accounting":"no"}""", Menu(json, "ip", "ipsec", "settings"));
    }

    [Fact]
    public void Old_peer_xauth_properties_become_identity_username_and_password()
    {
        var json = Import("/ip ipsec peer add name=a address=192.0.2.1 auth-method=eap xauth-login=alice xauth-password=pw");
        Assert.Equal("""[{"name":"a","address":"192.0.2.1"}]""", Menu(json, "ip", "ipsec", "peer"));
        Assert.Equal("""[{"peer":"a","auth-method":"eap","username":"alice","password":"pw"}]""", Menu(json, "ip", "ipsec", "identity"));
    }

    [Theory]
    [InlineData(":foreach i in=[/ip ipsec peer find] do={}", "a.rsc:1: scripting (:…) is not imported")]
    [InlineData("/ip ipsec peer add name=$name", "a.rsc:1: variables ($…) are not imported")]
    [InlineData("/ip ipsec peer add name=\"open", "a.rsc:1: a quoted string is not closed")]
    [InlineData("/ip ipsec peer set 0 address=192.0.2.1", "a.rsc:1: set 0 refers to a print number")]
    [InlineData("/ip ipsec peer add name=a adress=192.0.2.1", "a.rsc:1: /ip ipsec peer has no property adress (did you mean address?)")]
    [InlineData("/ip ipsec peer remove [ find name=a ]", "a.rsc:1: /ip ipsec peer remove is not imported")]
    [InlineData("/ip ipsec peer set address=192.0.2.1", "a.rsc:1: set in /ip ipsec peer needs the entry")]
    [InlineData("/ip dns add servers=10.0.0.1", "a.rsc:1: /ip dns holds one set of values; use set, not add")]
    [InlineData("/ip ipsec peer frobnicate", "a.rsc:1: /ip ipsec peer has no menu or command \"frobnicate\"")]
    public void Lines_that_cannot_be_imported_say_why(string script, string error)
    {
        var result = RouterOsImporter.Import(script, "a.rsc");
        Assert.False(result.Succeeded);
        Assert.StartsWith(error, Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void All_errors_of_a_script_are_reported_together()
    {
        var result = RouterOsImporter.Import("/ip ipsec peer add adress=1\n/ip ipsec profile add title=x\n/ip ipsec peer set 3 port=1", "a.rsc");
        Assert.Equal(["a.rsc:1:", "a.rsc:2:", "a.rsc:3:"], result.Errors.Select(e => e[..8]));
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Import(string script)
    {
        var result = RouterOsImporter.Import(script, "test.rsc");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Json;
    }

    /// <summary>The compact JSON of one menu of an imported file.</summary>
    private static string Menu(string json, params string[] path)
    {
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement;
        foreach (var part in path)
        {
            element = element.GetProperty(part);
        }

        return JsonSerializer.Serialize(element, Compact);
    }
}
