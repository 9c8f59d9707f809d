package io.jkbms.protocol.uart;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.CodecException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jkbms.protocol.uart.TelemetryBuilder.ok;
import static io.jkbms.protocol.uart.TelemetryBuilder.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

/** Encode → decode round trips over arbitrary valid values of every identifier, frame and request. */
class UartPropertiesTest {

    @Provide
    Arbitrary<UartValue> values() {
        return Arbitraries.of(UartId.class).flatMap(UartPropertiesTest::valueOf);
    }

    static Arbitrary<UartValue> valueOf(UartId id) {
        switch (id.encoding()) {
            case CELL_LIST:
                return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 0xFFFF))
                        .as(UartValue.Cell::new).list().ofMaxSize(UartValue.Cells.MAX_CELLS).map(UartValue.Cells::new);
            case TEXT:
                return Arbitraries.strings().withCharRange('\0', '\u00FF').ofMaxLength(id.width())
                        .map(s -> s.replaceAll("\0+$", "")).map(s -> new UartValue.Text(id, s));
            default:
                return Arbitraries.longs().between(id.encoding().min(), id.encoding().max()).map(v -> new UartValue.Num(id, v));
        }
    }

    /** Every identifier, alone, survives its own encoding. */
    @Property(tries = 2_000)
    void everyIdentifierRoundTrips(@ForAll("values") UartValue v) throws CodecException {
        byte[] body = UartData.of(v).encode();
        assertThat(body).hasSize(1 + v.dataLength());
        assertThat(body[0] & 0xFF).isEqualTo(v.id().code());
        assertThat(UartData.parse(body).values()).containsExactly(v);
    }

    @Provide
    Arbitrary<List<UartValue>> bodies() {
        return Arbitraries.of(UartId.class).list().uniqueElements().ofMaxSize(UartId.values().length)
                .flatMap(ids -> Combinators.combine(ids.stream().map(UartPropertiesTest::valueOf).toList())
                        .as(ArrayList::new));
    }

    /** Whole bodies, any identifiers in any order, survive and keep their order. */
    @Property(tries = 500)
    void bodiesRoundTrip(@ForAll("bodies") List<UartValue> values) throws CodecException {
        UartData d = UartData.of(values);
        UartData back = UartData.parse(d.encode());
        assertThat(back).isEqualTo(d);
        assertThat(back.encode()).isEqualTo(d.encode());
    }

    @Property(tries = 500)
    void framesRoundTrip(@ForAll @IntRange(min = 0, max = 5) int command, @ForAll UartSource source,
                         @ForAll UartFrameType type, @ForAll @Size(max = 600) byte[] body,
                         @ForAll("u32") long terminal, @ForAll("u32") long record) throws CodecException {
        UartCommand c = UartCommand.values()[command % UartCommand.values().length];
        UartFrame f = new UartFrame(terminal, c, source, type, body, record);
        byte[] bytes = f.encode();
        assertThat(bytes).hasSize(UartFrame.MIN_LENGTH + body.length);
        assertThat(UartFrame.decode(bytes)).isEqualTo(f);
        assertThat(UartFrame.declaredLength(bytes, 0, 4)).hasValue(bytes.length);
    }

    @Provide
    Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    /** Temperatures, negative ones included, come back as sent. */
    @Property(tries = 2_000)
    void temperaturesRoundTrip(@ForAll @IntRange(min = UartQuantities.MIN_TEMPERATURE_C, max = 99) int celsius,
                               @ForAll("temperatureIds") UartId id) throws CodecException {
        UartData d = UartData.parse(UartData.of(UartValue.temperature(id, celsius)).encode());
        assertThat(d.temperature_C(id)).hasValue(celsius);
        assertThat(d.raw(id).getAsLong() < 100).isEqualTo(celsius >= 0);
    }

    @Provide
    Arbitrary<UartId> temperatureIds() {
        return Arbitraries.of(UartId.MOS_TEMPERATURE, UartId.T1_TEMPERATURE, UartId.T2_TEMPERATURE);
    }

    /** Both current encodings: exact at 10 mA steps, within 5 mA otherwise, and the sign is + for charge. */
    @Property(tries = 3_000)
    void currentsRoundTripInBothEncodings(@ForAll @IntRange(min = -327_670, max = 327_670) int signed_mA,
                                          @ForAll @IntRange(min = UartQuantities.MIN_LEGACY_CURRENT_mA,
                                                  max = UartQuantities.MAX_LEGACY_CURRENT_mA) int legacy_mA)
            throws CodecException {
        for (int[] c : new int[][]{{signed_mA, 1}, {legacy_mA, 0}}) {
            int mA = c[0], version = c[1];
            UartData d = UartData.parse(UartData.of(UartValue.current(mA, version),
                    new UartValue.Num(UartId.PROTOCOL_VERSION, version)).encode());
            int back = d.current_mA().getAsInt();
            assertThat(Math.abs(back - mA)).isLessThanOrEqualTo(5);
            assertThat(UartQuantities.current_mA(UartQuantities.currentRaw(mA / 10 * 10, version), version))
                    .isEqualTo(mA / 10 * 10);
            if (version == 1 && Math.abs(mA) >= 5) {
                assertThat((d.raw(UartId.CURRENT).getAsLong() & 0x8000) != 0).isEqualTo(mA > 0);
            }
        }
    }

    @Provide
    Arbitrary<UartRequest.Write> writes() {
        return Arbitraries.of(UartId.class).filter(id -> id.encoding() != UartEncoding.CELL_LIST)
                .flatMap(id -> valueOf(id).flatMap(v -> {
                    int min = 1;
                    if (v instanceof UartValue.Num n) {
                        long raw = n.raw();
                        min = raw < 0 ? id.width() : Math.max(1, (64 - Long.numberOfLeadingZeros(raw) + 7) / 8);
                    } else if (v instanceof UartValue.Text t) {
                        min = Math.max(1, t.text().length());
                    }
                    return Arbitraries.integers().between(min, id.width()).map(n -> new UartRequest.Write(v, n));
                }));
    }

    /** Writes, in the full and in shortened "1+N" forms, survive a frame. */
    @Property(tries = 2_000)
    void writeRequestsRoundTrip(@ForAll("writes") UartRequest.Write w, @ForAll UartSource source) throws CodecException {
        byte[] bytes = w.toFrame(source).encode();
        assertThat(bytes).hasSize(UartFrame.MIN_LENGTH + 1 + w.valueBytes());
        assertThat(UartRequest.decode(UartFrame.decode(bytes))).isEqualTo(w);
    }

    @Provide
    Arbitrary<Map.Entry<UartId, Integer>> representableSettings() {
        return Arbitraries.of(Arrays.stream(UartId.values()).filter(id -> id.setting().isPresent()).toList())
                .flatMap(id -> {
                    SettingKey k = id.setting().get();
                    int step = id.settingValue(1).orElse(1);
                    Arbitrary<Integer> v = k == SettingKey.BATTERY_TYPE ? Arbitraries.integers().between(0, 2)
                            : Arbitraries.integers().between(Math.max(k.min(), (int) id.encoding().min() * step) / step,
                            (int) Math.min(k.max(), id.encoding().max() * step) / step).map(x -> x * step);
                    return v.map(x -> Map.entry(id, x));
                });
    }

    /** Any in-range setting value the wire unit can carry survives setting → wire → setting. */
    @Property(tries = 2_000)
    void settingsSurviveTheirIdentifier(@ForAll("representableSettings") Map.Entry<UartId, Integer> e) {
        UartId id = e.getKey();
        assertThat(id.settingValue(id.rawFromSetting(e.getValue()))).hasValue(e.getValue());
    }

    /** A read-all of arbitrary telemetry decodes to that telemetry, to the wire's resolution. */
    @Property(tries = 300)
    void readAllCarriesArbitraryTelemetry(@ForAll @Size(min = 1, max = 24) List<@IntRange(min = 0, max = 5_000) Integer> cells,
                                          @ForAll @IntRange(min = -300_000, max = 300_000) int current_mA,
                                          @ForAll @IntRange(min = -400, max = 990) int t1_dC,
                                          @ForAll @IntRange(min = -400, max = 990) int mos_dC,
                                          @ForAll @IntRange(min = 0, max = 100) int soc,
                                          @ForAll Chemistry chemistry) throws CodecException {
        int[] mV = cells.stream().mapToInt(Integer::intValue).toArray();
        Telemetry t = telemetry().cells(mV).current_mA(current_mA).soc(soc).mos(ok(mos_dC))
                .temperatures(ok(t1_dC), TemperatureReading.ABSENT).build();
        UartData d = UartData.parse(UartFrame.decode(
                UartReplies.readAllFrame(t, Presets.forChemistry(chemistry), UartDevice.CAPTURED).encode()).body());
        assertThat(d.cell_mV()).containsExactly(mV);
        assertThat(Math.abs(d.current_mA().getAsInt() - current_mA)).isLessThanOrEqualTo(5);
        assertThat(Math.abs(d.temperature_C(UartId.T1_TEMPERATURE).getAsInt() * 10 - t1_dC)).isLessThanOrEqualTo(5);
        assertThat(Math.abs(d.temperature_C(UartId.MOS_TEMPERATURE).getAsInt() * 10 - mos_dC)).isLessThanOrEqualTo(5);
        assertThat(Math.abs(d.packVoltage_mV().getAsInt() - t.packVoltage_mV())).isLessThanOrEqualTo(5);
        assertThat(d.soc_pct()).hasValue(soc);
        assertThat(d.raw(UartId.CELL_COUNT)).hasValue(mV.length);
        Map<SettingKey, Integer> carried = new LinkedHashMap<>(d.toSettingsPatch().values());
        carried.forEach((k, v) -> assertThat(v).as(k.jsonName()).isEqualTo(Presets.forChemistry(chemistry).get(k)));
    }
}
