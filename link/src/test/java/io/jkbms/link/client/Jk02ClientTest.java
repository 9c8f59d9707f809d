package io.jkbms.link.client;

import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.Hex;
import io.jkbms.protocol.jk02.Jk02CellInfo;
import io.jkbms.protocol.jk02.Jk02Codec;
import io.jkbms.protocol.jk02.Jk02Layout;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JK02 client's status, field by field, from frames real boards sent and from frames built to exercise each field. */
class Jk02ClientTest {
    /** The shared reference vectors, relative to the module directory (see protocol's Jk02Samples). */
    private static final Path VECTORS = Path.of("..", "..", "shared", "reference", "vectors");

    private static Jk02CellInfo vector(String file, Jk02Layout layout) throws Exception {
        byte[] b = Hex.parse(Files.readString(VECTORS.resolve(file)).trim());
        return (Jk02CellInfo) Jk02Codec.decode(b, layout);
    }

    private static TemperatureReading ok(int dC) {
        return new TemperatureReading(SensorStatus.OK, dC);
    }

    @Test
    void theCaptured32SFrameGivesTheListedValues() throws Exception {
        BoardStatus s = Jk02Client.status(vector("CELL_INFO_JK02_32S_V15.hex", Jk02Layout.JK02_32S), 42);
        assertThat(s.received_ms()).isEqualTo(42);
        assertThat(s.cell_mV()).hasSize(16).startsWith(3_333, 3_326).endsWith(3_337);
        assertThat(s.packVoltage_mV()).isEqualTo(53_224);
        assertThat(s.current_mA()).isEqualTo(31_881);
        assertThat(s.soc_pct()).isEqualTo(25);
        assertThat(s.mosTemperature()).isEqualTo(ok(129));
        assertThat(s.temperatures()).hasSizeGreaterThanOrEqualTo(4).startsWith(ok(134), ok(128));
        assertThat(s.remaining_mAh()).isEqualTo(49_286);
        assertThat(s.fullCapacity_mAh()).isEqualTo(200_000);
        assertThat(s.cycles()).isEqualTo(9);
        assertThat(s.runtime_s()).isEqualTo(24_530_060);
        assertThat(s.chargeMos()).isTrue();
        assertThat(s.dischargeMos()).isTrue();
        assertThat(s.heating()).isFalse();
    }

    @Test
    void theCaptured24SFrameHasTwoSensorsAndNoHeaterOrEmergency() throws Exception {
        BoardStatus s = Jk02Client.status(vector("CELL_INFO_JK02_24S_V10.hex", Jk02Layout.JK02_24S), 0);
        assertThat(s.cell_mV()).hasSize(24);
        assertThat(s.packVoltage_mV()).isEqualTo(78_735);
        assertThat(s.mosTemperature()).isEqualTo(ok(234));
        // T3 and T4 are not in the 24S layout: ABSENT, not left out; no T5
        assertThat(s.temperatures()).containsExactly(ok(207), ok(207), TemperatureReading.ABSENT,
                TemperatureReading.ABSENT);
        assertThat(s.remaining_mAh()).isEqualTo(42_804);
        assertThat(s.fullCapacity_mAh()).isEqualTo(50_000);
        assertThat(s.runtime_s()).isEqualTo(269_340);
        assertThat(s.chargeMos()).isTrue();
        assertThat(s.dischargeMos()).isFalse();
        assertThat(List.of(s.heating(), s.emergency(), s.precharging())).containsOnly(false);
    }

    @Test
    void everyThirtyTwoSFieldReachesTheStatus() {
        Jk02CellInfo c = Jk02CellInfo.builder(Jk02Layout.JK02_32S)
                .cell_mV(List.of(3_300, 3_301, 3_302)).enabledCellMask(0b111)
                .mosTemperature_dC(Jk02CellInfo.NO_SENSOR_dC).t1_dC(215).t2_dC(Jk02CellInfo.NO_SENSOR_dC)
                .balancing(1).balanceCurrent_mA(-420).remaining_mAh(12_345).nominalCapacity_mAh(98_000).cycles(3)
                .runtime_s(777).precharge(0)
                .only32S(new Jk02CellInfo.Extra32S(1, 1, Collections.nCopies(Jk02CellInfo.RELEASE_TIMERS, 0), 1, 1_700,
                        0, 55, Jk02CellInfo.NO_SENSOR_dC, -105, 0, 0, 0, 0, 0))
                .build();
        BoardStatus s = Jk02Client.status(c, 0);
        assertThat(s.cell_mV()).containsExactly(3_300, 3_301, 3_302);
        assertThat(s.mosTemperature()).isEqualTo(TemperatureReading.ABSENT);
        assertThat(s.temperatures()).containsExactly(ok(215), TemperatureReading.ABSENT, ok(55),
                TemperatureReading.ABSENT, ok(-105));
        assertThat(s.balancing()).isTrue();
        assertThat(s.balanceCurrent_mA()).isEqualTo(-420);
        assertThat(s.remaining_mAh()).isEqualTo(12_345);
        assertThat(s.fullCapacity_mAh()).isEqualTo(98_000);
        assertThat(s.cycles()).isEqualTo(3);
        assertThat(s.runtime_s()).isEqualTo(777);
        assertThat(s.heating()).isTrue();
        assertThat(s.emergency()).isTrue();
        assertThat(s.precharging()).isTrue();

        // no T5 reported: four entries
        Jk02CellInfo noT5 = c.toBuilder().only32S(Jk02CellInfo.Extra32S.DEFAULT).build();
        assertThat(Jk02Client.status(noT5, 0).temperatures()).hasSize(4);
        assertThat(Jk02Client.status(noT5, 0).emergency()).isFalse();
    }
}
