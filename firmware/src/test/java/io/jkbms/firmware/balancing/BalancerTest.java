package io.jkbms.firmware.balancing;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.BalancerStatus;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.Switch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BalancerTest {

    /** LFP preset: trigger 10 mV, start 3000 mV, 400 mA. */
    private static Rig spread(int delta_mV) {
        Rig rig = Rig.lfp16();
        rig.board.cell(4, 3300 + delta_mV);
        rig.run(1_000);
        return rig;
    }

    @Test
    void aSpreadAtTheTriggerDoesNotStartBalancing() {
        Rig rig = spread(10);
        assertThat(rig.bms.balancing()).isFalse();
        assertThat(rig.board.balance_mA).isZero();
    }

    @Test
    void aSpreadOneMillivoltAboveTheTriggerMovesEnergyFromTheHighestToTheLowestCell() {
        Rig rig = spread(11);
        rig.board.cell(12, 3299);
        rig.run(1_000);
        assertThat(rig.bms.balancing()).isTrue();
        assertThat(rig.board.balanceSource).isEqualTo(4);
        assertThat(rig.board.balanceDestination).isEqualTo(12);
        assertThat(rig.board.balance_mA).isEqualTo(400);
        assertThat(rig.bms.telemetry().balancer()).isEqualTo(new BalancerStatus(true, 4, 12, 400));
        Event start = rig.events(EventType.BALANCE, Phase.START).get(0);
        assertThat(start.cell()).isEqualTo(4);
        assertThat(start.detail()).contains("cell 4 -> cell");
    }

    @Test
    void balancingStopsOnlyWhenTheSpreadFallsBelowTheTrigger() {
        Rig rig = spread(20);
        assertThat(rig.bms.balancing()).isTrue();
        rig.board.cell(4, 3310); // at the trigger: keeps going
        rig.run(2_000);
        assertThat(rig.bms.balancing()).isTrue();
        rig.board.cell(4, 3309); // one below
        rig.run(1_000);
        assertThat(rig.bms.balancing()).isFalse();
        assertThat(rig.board.balance_mA).isZero();
        assertThat(rig.events(EventType.BALANCE, Phase.STOP).get(0).detail()).contains("below the trigger");
    }

    @Test
    void balancingNeedsTheHighestCellAtTheBalanceStartVoltage() {
        Rig rig = Rig.lfp16();
        rig.board.cells(2_950).cell(2, 2_999);
        rig.run(1_000);
        assertThat(rig.bms.balancing()).isFalse();
        rig.board.cell(2, 3_000);
        rig.run(1_000);
        assertThat(rig.bms.balancing()).isTrue();
    }

    @Test
    void theMaximumBalanceCurrentIsTheSetting() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.BALANCE_MAX_mA, 250);
        rig.board.cell(1, 3400);
        rig.run(1_000);
        assertThat(rig.board.balance_mA).isEqualTo(250);
    }

    @Test
    void theTriggerIsTheSetting() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.BALANCE_TRIGGER_mV, 30);
        rig.board.cell(1, 3330);
        rig.run(1_000);
        assertThat(rig.bms.balancing()).isFalse();
        rig.board.cell(1, 3331);
        rig.run(1_000);
        assertThat(rig.bms.balancing()).isTrue();
    }

    @Test
    void switchingTheBalancerOffStopsItAtOnce() {
        Rig rig = spread(50);
        assertThat(rig.bms.balancing()).isTrue();
        rig.bms.setSwitch(Switch.BALANCE, false, "test");
        rig.run(100);
        assertThat(rig.bms.balancing()).isFalse();
        assertThat(rig.board.balance_mA).isZero();
        assertThat(rig.has(EventType.SWITCH, Phase.CHANGE)).isTrue();
    }

    @Test
    void theBalancerFollowsTheCellsThatAreHighestAndLowestNow() {
        Rig rig = spread(50);
        assertThat(rig.board.balanceSource).isEqualTo(4);
        rig.board.cell(4, 3300).cell(9, 3360).cell(2, 3290);
        rig.run(1_000);
        assertThat(rig.board.balanceSource).isEqualTo(9);
        assertThat(rig.board.balanceDestination).isEqualTo(2);
        assertThat(rig.events(EventType.BALANCE, Phase.START)).hasSize(1);
    }

    @Test
    void decisionsAreTakenOncePerSecondSoNoiseDoesNotChatter() {
        Rig rig = spread(11);
        assertThat(rig.bms.balancing()).isTrue();
        // Readings dither around the trigger every tick; the balancer decides once a second.
        for (int i = 0; i < 30; i++) {
            rig.board.cell(4, 3300 + (i % 2 == 0 ? 9 : 12));
            rig.run(100);
        }
        assertThat(rig.events(EventType.BALANCE).size()).isLessThanOrEqualTo(4);
    }
}
