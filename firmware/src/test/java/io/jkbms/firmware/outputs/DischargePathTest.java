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
