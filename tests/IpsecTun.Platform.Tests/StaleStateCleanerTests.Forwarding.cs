using IpsecTun.Platform.State;

namespace IpsecTun.Platform.Tests;

/// <summary>
/// IPv4 forwarding turned on by a run, in the isolated namespace's own net.ipv4.ip_forward (a new namespace
/// starts with it off): recorded before it changes, put back by a clean exit or by the cleanup after a crash.
/// </summary>
public sealed partial class StaleStateCleanerTests
{
    [Fact]
    public void Forwarding_a_crashed_run_turned_on_is_turned_off_again()
    {
        IsolatedNetwork.Run(() =>
        {
            (ProcIpForwarding system, _) = TurnForwardingOn();

            Assert.True(system.Ipv4Enabled);
            Assert.False(Read().Ipv4ForwardingBefore);
            MarkOwnerDead();

            StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

            Assert.Empty(report.Failures);
            Assert.Equal(1, report.Removed);
            Assert.False(system.Ipv4Enabled);
            Assert.False(File.Exists(StatePath));
        });
    }

    [Fact]
    public void A_clean_exit_restores_forwarding_and_forgets_it()
    {
        IsolatedNetwork.Run(() =>
        {
            (ProcIpForwarding system, RecordingIpForwarding forwarding) = TurnForwardingOn();

            forwarding.Dispose();

            Assert.False(system.Ipv4Enabled);
            Assert.Null(Read().Ipv4ForwardingBefore);
        });
    }

    [Fact]
    public void Turning_forwarding_back_forgets_the_record_and_an_unchanged_switch_records_nothing()
    {
        IsolatedNetwork.Run(() =>
        {
            var system = new ProcIpForwarding();
            var state = new StateFile(StatePath);
            var forwarding = new RecordingIpForwarding(system, state);

            forwarding.Ipv4Enabled = false;
            Assert.Null(Read().Ipv4ForwardingBefore);

            forwarding.Ipv4Enabled = true;
            forwarding.Ipv4Enabled = false;
            Assert.Null(Read().Ipv4ForwardingBefore);
            Assert.False(system.Ipv4Enabled);

            // Already off again: Dispose has nothing to put back, and an administrator's later change stays.
            system.Ipv4Enabled = true;
            forwarding.Dispose();
            Assert.True(system.Ipv4Enabled);
        });
    }

    [Fact]
    public void Forwarding_already_back_to_what_it_was_counts_as_already_gone()
    {
        IsolatedNetwork.Run(() =>
        {
            (ProcIpForwarding system, _) = TurnForwardingOn();
            MarkOwnerDead();
            system.Ipv4Enabled = false;

            StaleCleanupReport report = StaleStateCleaner.Clean(StatePath);

            Assert.Empty(report.Failures);
            Assert.Equal(1, report.AlreadyGone);
            Assert.Equal(0, report.Removed);
            Assert.False(system.Ipv4Enabled);
        });
    }

    [Fact]
    public void A_refused_change_is_not_left_in_the_state_file()
    {
        var forwarding = new RecordingIpForwarding(new RefusingIpForwarding(), new StateFile(StatePath));

        Assert.Throws<UnauthorizedAccessException>(() => forwarding.Ipv4Enabled = true);

        Assert.Null(Read().Ipv4ForwardingBefore);
        forwarding.Dispose();
    }

    /// <summary>A run's state file and its forwarding switch, turned on from the new namespace's off.</summary>
    private (ProcIpForwarding System, RecordingIpForwarding Forwarding) TurnForwardingOn()
    {
        var system = new ProcIpForwarding();
        Assert.False(system.Ipv4Enabled);
        var forwarding = new RecordingIpForwarding(system, new StateFile(StatePath));
        forwarding.Ipv4Enabled = true;
        return (system, forwarding);
    }
}
