package io.jkbms.firmware.soc;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.board.OcvCurve;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoulombCounterTest {

    @Test
    void atPowerUpSocComesFromTheRestVoltage() {
        Rig rig = Rig.lfp16();
        // 3300 mV on the LFP table lies between 80 % (3304) and 70 % (3283).
        double expected = OcvCurve.soc_pct(Chemistry.LFP, 3300);
        assertThat(rig.bms.telemetry().soc_pct()).isEqualTo((int) Math.round(expected));
        assertThat(rig.bms.telemetry().fullCapacity_mAh()).isEqualTo(100_000);
    }

    @Test
    void chargeIsCountedExactly() {
        Rig rig = Rig.lfp16();
        int before = rig.bms.telemetry().remaining_mAh();
        rig.board.current(-36_000); // 36 A for 100 s = 1000 mAh
        rig.run(100_000);
        assertThat(rig.bms.telemetry().remaining_mAh()).isEqualTo(before - 1000);
        rig.board.current(18_000); // 18 A for 200 s = 1000 mAh
        rig.run(200_000);
        assertThat(rig.bms.telemetry().remaining_mAh()).isEqualTo(before);
        assertThat(rig.bms.telemetry().cycleCapacity_mAh()).isEqualTo(1000);
    }

    @Test
    void fullIsAnchoredAtTheSoc100VoltageAfterItsHoldTime() {
        Rig rig = Rig.lfp16();
        rig.board.current(5_000).cells(3449);
        rig.run(10_000);
        assertThat(rig.bms.telemetry().soc_pct()).isLessThan(100);
        rig.board.cells(3450);
        rig.run(4_900);
        assertThat(rig.bms.telemetry().soc_pct()).isLessThan(100);
        rig.run(200);
        assertThat(rig.bms.telemetry().soc_pct()).isEqualTo(100);
        assertThat(rig.bms.telemetry().remaining_mAh()).isEqualTo(100_000);
        assertThat(rig.events(EventType.SOC_ANCHOR, Phase.CHANGE)).hasSize(1);
        assertThat(rig.events(EventType.SOC_ANCHOR).get(0).detail()).contains("-> 100 %");
    }

    @Test
    void fullIsNotAnchoredWhileDischarging() {
        Rig rig = Rig.lfp16();
        rig.board.current(-1_000).cells(3460);
        rig.run(20_000);
        assertThat(rig.events(EventType.SOC_ANCHOR)).isEmpty();
    }

    @Test
    void emptyIsAnchoredAtTheSoc0Voltage() {
        Rig rig = Rig.lfp16();
        rig.board.current(-2_000).cells(2801);
        rig.run(10_000);
        assertThat(rig.bms.telemetry().soc_pct()).isGreaterThan(0);
        rig.board.cells(2800);
        rig.run(5_100);
        assertThat(rig.bms.telemetry().soc_pct()).isZero();
        assertThat(rig.bms.telemetry().remaining_mAh()).isZero();
    }

    @Test
    void aFullToEmptyDischargeEndingGentlyTeachesTheFullCapacityAndSoh() {
        Rig rig = Rig.lfp16();
        rig.board.current(1_000).cells(3460);
        rig.run(6_000);
        assertThat(rig.bms.telemetry().soc_pct()).isEqualTo(100);
        // The pack really holds about 90 Ah: 90 A for 3595 s, then the last bit at 2 A (below C/20) to the anchor.
        rig.board.current(-90_000).cells(3200);
        rig.run(3_595_000);
        rig.board.current(-2_000).cells(2800);
        rig.run(6_000);
        Telemetry t = rig.bms.telemetry();
        assertThat(t.soc_pct()).isZero();
        // 89 875 mAh at 90 A plus about 3 mAh at 2 A during the anchor's 5 s hold.
        assertThat(t.fullCapacity_mAh()).isBetween(89_875, 89_880);
        assertThat(t.nominalCapacity_mAh()).isEqualTo(100_000);
        assertThat(t.soh_pct()).isEqualTo(90);
        assertThat(rig.events(EventType.SOC_ANCHOR).get(1).detail()).contains("learned: 8987");
    }

    @Test
    void anEmptyAnchorUnderHeavyLoadDoesNotTeachACapacity() {
        Rig rig = Rig.lfp16();
        rig.board.current(1_000).cells(3460);
        rig.run(6_000);
        rig.board.current(-90_000).cells(3200);
        rig.run(3_000_000);
        rig.board.cells(2800); // the IR drop at 90 A reaches the SOC-0 % voltage early
        rig.run(6_000);
        Telemetry t = rig.bms.telemetry();
        assertThat(t.soc_pct()).isZero();
        assertThat(t.fullCapacity_mAh()).isEqualTo(100_000);
        assertThat(t.soh_pct()).isEqualTo(100);
    }

    @Test
    void anAnchorAtTheValueAlreadyShownRaisesNoEvent() {
        Rig rig = Rig.lfp16();
        rig.board.current(1_000).cells(3460);
        rig.run(6_000);
        rig.board.current(-1_000).cells(3300);
        rig.run(60_000); // 99.98 %: still shown as 100 %
        rig.board.current(0).cells(3460);
        rig.run(6_000);
        assertThat(rig.events(EventType.SOC_ANCHOR)).hasSize(1);
    }

    @Test
    void aCycleIsCountedPerFullCapacityDischarged() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.CAPACITY_mAh, 10_000);
        rig.board.cells(3250);
        for (int i = 0; i < 3; i++) {
            rig.board.current(-20_000);
            rig.run(1_800_000); // 10 Ah out
            rig.board.current(20_000);
            rig.run(1_800_000); // 10 Ah back
        }
        assertThat(rig.bms.telemetry().cycles()).isEqualTo(3);
        assertThat(rig.bms.telemetry().cycleCapacity_mAh()).isEqualTo(30_000);
    }

    @Test
    void changingTheCapacityKeepsTheStateOfCharge() {
        Rig rig = Rig.lfp16();
        int soc = rig.bms.telemetry().soc_pct();
        rig.set(SettingKey.CAPACITY_mAh, 280_000);
        assertThat(rig.bms.telemetry().soc_pct()).isEqualTo(soc);
        assertThat(rig.bms.telemetry().fullCapacity_mAh()).isEqualTo(280_000);
    }
}
