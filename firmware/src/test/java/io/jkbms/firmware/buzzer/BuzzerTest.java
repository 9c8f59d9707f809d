package io.jkbms.firmware.buzzer;

import io.jkbms.firmware.Rig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BuzzerTest {

    private static List<Boolean> record(Rig rig, int ticks) {
        List<Boolean> on = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            rig.run(100);
            on.add(rig.board.buzzer);
        }
        return on;
    }

    @Test
    void silentWithoutFaults() {
        Rig rig = Rig.lfp16();
        assertThat(record(rig, 30)).containsOnly(false);
        assertThat(rig.bms.buzzerPattern()).isEqualTo(BuzzerPattern.SILENT);
    }

    @Test
    void overChargeBeepsOnceEveryTwoSeconds() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 3650);
        rig.run(5_200); // past the 5 s trip delay
        assertThat(rig.bms.buzzerPattern()).isEqualTo(BuzzerPattern.OVER_CHARGE);
        List<Boolean> on = record(rig, 40);
        assertThat(on.stream().filter(b -> b).count()).isEqualTo(4); // 2 slots per 2 s
    }

    @Test
    void overDischargeBeepsTwiceEveryTwoSeconds() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 2550);
        rig.run(5_200); // past the 5 s trip delay
        assertThat(rig.bms.buzzerPattern()).isEqualTo(BuzzerPattern.OVER_DISCHARGE);
        assertThat(record(rig, 40).stream().filter(b -> b).count()).isEqualTo(8);
    }

    @Test
    void overTemperatureSoundsHalfTheTimeAndTakesPriority() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 3650).setTemperatures_C(30, 75, 30);
        rig.run(5_200); // past the 5 s trip delay
        assertThat(rig.bms.buzzerPattern()).isEqualTo(BuzzerPattern.OVER_TEMPERATURE);
        assertThat(record(rig, 20).stream().filter(b -> b).count()).isEqualTo(10);
    }

    @Test
    void patternsAreWhatTheyDocument() {
        assertThat(BuzzerPattern.OVER_TEMPERATURE.soundsAt(0)).isTrue();
        assertThat(BuzzerPattern.OVER_TEMPERATURE.soundsAt(499)).isTrue();
        assertThat(BuzzerPattern.OVER_TEMPERATURE.soundsAt(500)).isFalse();
        assertThat(BuzzerPattern.OVER_DISCHARGE.soundsAt(100)).isTrue();
        assertThat(BuzzerPattern.OVER_DISCHARGE.soundsAt(200)).isFalse();
        assertThat(BuzzerPattern.OVER_DISCHARGE.soundsAt(400)).isTrue();
        assertThat(BuzzerPattern.OVER_CHARGE.soundsAt(2_000)).isTrue();
        assertThat(BuzzerPattern.SILENT.soundsAt(0)).isFalse();
    }
}
