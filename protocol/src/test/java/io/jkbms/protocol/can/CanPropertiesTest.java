package io.jkbms.protocol.can;

import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.protocol.CodecException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static io.jkbms.protocol.uart.TelemetryBuilder.ok;
import static io.jkbms.protocol.uart.TelemetryBuilder.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

/** Every CAN payload survives encode → decode; payloads built from telemetry keep its values to the wire's resolution. */
class CanPropertiesTest {

    private static Arbitrary<Integer> steps(int min, int max, int step) {
        return Arbitraries.integers().between(min / step, max / step).map(x -> x * step);
    }

    private static Arbitrary<Integer> ints(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    @Provide
    Arbitrary<CanPayload> payloads() {
        Arbitrary<CanPayload> batt = Combinators.combine(steps(0, 6_553_500, 100), steps(-6_153_500, 400_000, 100),
                ints(0, 255), ints(0, 0xFFFF)).as(JkBattStatus::new);
        Arbitrary<CanPayload> volt = Combinators.combine(ints(0, 0xFFFF), ints(0, 255), ints(0, 0xFFFF), ints(0, 255))
                .as(JkCellVoltages::new);
        Arbitrary<CanPayload> temp = Combinators.combine(ints(-50, 205), ints(0, 255), ints(-50, 205), ints(0, 255),
                ints(-50, 205)).as(JkCellTemperatures::new);
        Arbitrary<CanPayload> alarm = Arbitraries.maps(Arbitraries.of(JkCanAlarm.class), Arbitraries.of(JkCanAlarm.Level.class))
                .map(JkAlarmInfo::new);
        Arbitrary<CanPayload> limits = Combinators.combine(steps(0, 6_553_500, 100), steps(-3_276_800, 3_276_700, 100),
                steps(-3_276_800, 3_276_700, 100), steps(0, 6_553_500, 100)).as(PylonLimits::new);
        Arbitrary<CanPayload> soc = Combinators.combine(ints(0, 0xFFFF), ints(0, 0xFFFF)).as(PylonSocSoh::new);
        Arbitrary<CanPayload> meas = Combinators.combine(steps(0, 655_350, 10), steps(-3_276_800, 3_276_700, 100),
                ints(Short.MIN_VALUE, Short.MAX_VALUE)).as(PylonMeasurements::new);
        Arbitrary<CanPayload> flags = Combinators.combine(Arbitraries.of(PylonFlag.class).set(), ints(0, 255)).as(PylonAlarms::new);
        Arbitrary<CanPayload> request = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(PylonChargeRequest::new);
        Arbitrary<CanPayload> name = Arbitraries.strings().withCharRange('\0', '\u00FF').ofMaxLength(8).map(PylonName::new);
        return Arbitraries.oneOf(List.of(batt, volt, temp, alarm, limits, soc, meas, flags, request, name));
    }

    @Property(tries = 5_000)
    void everyPayloadRoundTrips(@ForAll("payloads") CanPayload p) throws CodecException {
        CanFrame f = p.toFrame();
        assertThat(f.id()).isEqualTo(p.message().id());
        assertThat(f.length()).isEqualTo(p.message().length());
        assertThat(CanCodec.decode(f)).isEqualTo(p);
        if (p.message().protocol() == io.jkbms.core.settings.CanProtocol.JK_NATIVE) {
            assertThat(CanCodec.decode(new CanFrame(f.id() | 1, f.data()))).isEqualTo(p); // the 0xF5 boards
        }
    }

    /** Trailing bytes beyond a message's length are ignored. */
    @Property(tries = 500)
    void longerFramesDecodeTheSame(@ForAll("payloads") CanPayload p, @ForAll @Size(max = 8) byte[] tail) throws CodecException {
        byte[] d = p.toFrame().data();
        byte[] longer = java.util.Arrays.copyOf(d, Math.min(8, d.length + tail.length));
        System.arraycopy(tail, 0, longer, d.length, longer.length - d.length);
        assertThat(CanCodec.decode(new CanFrame(p.message().id(), longer))).isEqualTo(p);
    }

    @Property(tries = 1_000)
    void telemetrySurvivesBothSets(@ForAll @Size(min = 1, max = 24) List<@IntRange(min = 1_000, max = 4_500) Integer> cells,
                                   @ForAll @IntRange(min = -300_000, max = 300_000) int current_mA,
                                   @ForAll @IntRange(min = -400, max = 1_200) int t1_dC,
                                   @ForAll @IntRange(min = -400, max = 1_200) int t2_dC,
                                   @ForAll @IntRange(min = 0, max = 100) int soc,
                                   @ForAll @IntRange(min = 0, max = 2_000_000) int remaining_mAh) throws CodecException {
        Telemetry t = telemetry().cells(cells.stream().mapToInt(Integer::intValue).toArray()).current_mA(current_mA)
                .soc(soc).remaining_mAh(remaining_mAh).temperatures(ok(t1_dC), ok(t2_dC)).build();

        JkBattStatus b = (JkBattStatus) CanCodec.decode(JkNativeCan.battStatus(t).toFrame());
        assertThat(Math.abs(b.packVoltage_mV() - t.packVoltage_mV())).isLessThanOrEqualTo(50);
        assertThat(Math.abs(b.current_mA() - current_mA)).isLessThanOrEqualTo(50);
        assertThat(b.soc_pct()).isEqualTo(soc);
        assertThat(b.dischargeTime_h()).isEqualTo(current_mA < 0
                ? (int) Math.min(0xFFFF, remaining_mAh / (long) -current_mA) : JkNativeCan.NOT_DISCHARGING_h);

        JkCellVoltages v = (JkCellVoltages) CanCodec.decode(JkNativeCan.cellVoltages(t).toFrame());
        assertThat(v.max_mV()).isEqualTo(cells.stream().mapToInt(Integer::intValue).max().getAsInt());
        assertThat(v.min_mV()).isEqualTo(cells.stream().mapToInt(Integer::intValue).min().getAsInt());
        assertThat(cells.get(v.maxCell() - 1)).isEqualTo(v.max_mV());
        assertThat(cells.get(v.minCell() - 1)).isEqualTo(v.min_mV());

        JkCellTemperatures c = (JkCellTemperatures) CanCodec.decode(JkNativeCan.cellTemperatures(t).orElseThrow().toFrame());
        assertThat(Math.abs(c.max_C() * 10 - Math.max(t1_dC, t2_dC))).isLessThanOrEqualTo(5);
        assertThat(Math.abs(c.min_C() * 10 - Math.min(t1_dC, t2_dC))).isLessThanOrEqualTo(5);
        assertThat(c.average_C() * 10).isBetween(Math.min(t1_dC, t2_dC) - 5, Math.max(t1_dC, t2_dC) + 5);

        PylonMeasurements m = (PylonMeasurements) CanCodec.decode(PylontechCan.measurements(t).toFrame());
        assertThat(Math.abs(m.packVoltage_mV() - t.packVoltage_mV())).isLessThanOrEqualTo(5);
        assertThat(Math.abs(m.current_mA() - current_mA)).isLessThanOrEqualTo(50);
        assertThat(m.temperature_dC()).isEqualTo(Math.max(t1_dC, t2_dC));
        assertThat(CanCodec.decode(PylontechCan.socSoh(t).toFrame())).isEqualTo(new PylonSocSoh(soc, 100));
    }
}
