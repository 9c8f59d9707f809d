package io.jkbms.firmware.outputs;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.firmware.Board;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.ScriptedBoard;
import io.jkbms.firmware.Switch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DischargePathTest {

    @Test
    void withAPrechargeTimeTheResistorChargesTheLoadBeforeTheMosfetsClose() {
        Rig rig = new Rig(ScriptedBoard.lfp16("JK-BD4A24S-12P"),
                Presets.forChemistry(Chemistry.LFP).with(SettingKey.PRECHARGE_TIME_s, 2));
        assertThat(rig.board.precharge).isTrue();
        assertThat(rig.board.dischargeMos).isFalse();
        rig.board.load(rig.board.readPackVoltage_mV() * 95 / 100); // the load's capacitors charge up
        rig.run(1_900);
        assertThat(rig.board.dischargeMos).isFalse();
        rig.run(100);
        assertThat(rig.board.precharge).isFalse();
        assertThat(rig.board.dischargeMos).isTrue();
        assertThat(rig.events(EventType.PRECHARGE, Phase.STOP).get(0).detail()).isEqualTo("precharge done");

        rig.bms.setSwitch(Switch.DISCHARGE, false, "test");
        rig.run(100);
        assertThat(rig.board.dischargeMos).isFalse();
        rig.bms.setSwitch(Switch.DISCHARGE, true, "test");
        rig.run(100);
        assertThat(rig.board.precharge).isTrue();
        assertThat(rig.board.dischargeMos).isFalse();
    }

    @Test
    void aPrechargeIntoAShortFailsAndIsRetriedWithBackoffInsteadOfClosingTheMosfets() {
        Rig rig = new Rig(ScriptedBoard.lfp16("JK-BD4A24S-12P"),
                Presets.forChemistry(Chemistry.LFP).with(SettingKey.PRECHARGE_TIME_s, 2));
        int pack = rig.board.readPackVoltage_mV();
        rig.board.load(pack * 89 / 100); // one step below the 90 % the load side must reach
        rig.run(2_100);
        assertThat(rig.board.dischargeMos).isFalse();
        assertThat(rig.board.precharge).isFalse();
        assertThat(rig.events(EventType.PRECHARGE, Phase.STOP).get(0).detail()).contains("precharge failed");
        rig.board.load(pack); // the short is cleared, but the retry waits its minute (failed at 2.0 s)
        rig.run(59_800);
        assertThat(rig.board.precharge).isFalse();
        rig.run(200);
        assertThat(rig.board.precharge).isTrue();
        rig.run(2_100);
        assertThat(rig.board.dischargeMos).isTrue();
    }

    @Test
    void switchingDischargeOffAndOnRetriesAFailedPrechargeAtOnce() {
        Rig rig = new Rig(ScriptedBoard.lfp16("JK-BD4A24S-12P"),
                Presets.forChemistry(Chemistry.LFP).with(SettingKey.PRECHARGE_TIME_s, 1));
        rig.run(1_100);
        assertThat(rig.events(EventType.PRECHARGE, Phase.STOP).get(0).detail()).contains("failed");
        rig.bms.setSwitch(Switch.DISCHARGE, false, "test");
        rig.run(100);
        rig.bms.setSwitch(Switch.DISCHARGE, true, "test");
        rig.run(100);
        assertThat(rig.board.precharge).isTrue();
    }

    @Test
    void withoutAPrechargeTimeTheMosfetsCloseAtOnce() {
        Rig rig = Rig.lfp16();
        assertThat(rig.board.dischargeMos).isTrue();
        assertThat(rig.board.precharge).isFalse();
        assertThat(rig.events(EventType.PRECHARGE)).isEmpty();
    }

    @Test
    void theParallelModuleIsEnabledWhileAMosfetIsOnUnlessIgnored() {
        Rig rig = Rig.lfp16();
        rig.board.parallel(Board.ParallelStatus.OK);
        rig.run(100);
        assertThat(rig.board.parallelEnable).isTrue();
        rig.bms.setSwitch(Switch.CHARGE, false, "test");
        rig.bms.setSwitch(Switch.DISCHARGE, false, "test");
        rig.run(100);
        assertThat(rig.board.parallelEnable).isFalse();
        rig.bms.setSwitch(Switch.DISCHARGE, true, "test");
        rig.set(SettingKey.PCL_DISABLED, 1);
        rig.run(100);
        assertThat(rig.board.parallelEnable).isFalse();
    }
}
