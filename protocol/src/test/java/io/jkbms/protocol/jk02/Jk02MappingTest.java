package io.jkbms.protocol.jk02;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.BalancerStatus;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static io.jkbms.protocol.jk02.Jk02Layout.JK02_24S;
import static io.jkbms.protocol.jk02.Jk02Layout.JK02_32S;
import static io.jkbms.protocol.jk02.Jk02Samples.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Between core and JK02: telemetry and settings to frames, frames to patches, settings to commands and back. */
class Jk02MappingTest {

    private static final Jk02DeviceIdentity TWIN = new Jk02DeviceIdentity("JK-BD4A24S-12P", "19A", "19.05", "JK-twin",
            "1234", "250101", "1234567890", "0000", "123456");

    // ---- arbitrary core values ----

    private static TemperatureReading reading(SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0: return TemperatureReading.ABSENT;
            case 1: return new TemperatureReading(SensorStatus.OPEN, -600);
            case 2: return new TemperatureReading(SensorStatus.SHORTED, 1600);
            default: return new TemperatureReading(SensorStatus.OK, r.nextInt(-400, 1200));
        }
    }

    static Telemetry telemetry(SplittableRandom r) {
        int n = r.nextInt(1, 25);
        int[] cells = new int[n];
        int[] wires = new int[n];
        for (int i = 0; i < n; i++) {
            cells[i] = r.nextInt(1000, 5000);
            wires[i] = r.nextInt(0, 1500);
        }
        int max = r.nextInt(1, n + 1);
        int min = r.nextInt(1, n + 1);
        List<TemperatureReading> temps = new ArrayList<>();
        for (int i = 0, k = r.nextInt(5); i < k; i++) {
            temps.add(reading(r));
        }
        Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
        for (Alarm a : Alarm.values()) {
            if (r.nextInt(4) == 0) {
                alarms.add(a);
            }
        }
        int current = r.nextInt(-240_000, 120_001);
        int pack = r.nextInt(20_000, 100_001);
        boolean balancing = r.nextBoolean();
        return new Telemetry(r.nextLong(0, 1L << 40), r.nextLong(0, 0xFFFF_FFFFL), PowerState.ON, pack, current,
                (long) pack * current / 1000, r.nextInt(0, 101), r.nextInt(0, 2_000_001), r.nextInt(0, 2_000_001),
                r.nextInt(1000, 2_000_001), r.nextInt(0, 100_000), r.nextLong(0, 0xFFFF_FFFFL), r.nextInt(0, 101),
                cells, wires, max, min, r.nextInt(1000, 5000), r.nextInt(0, 4000), reading(r), temps,
                r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                balancing ? new BalancerStatus(true, max, min, r.nextInt(10, 401)) : BalancerStatus.IDLE,
                r.nextBoolean(), r.nextInt(0, 10_001), r.nextBoolean(), r.nextInt(0, 255 * 60 + 1), r.nextBoolean(),
                r.nextBoolean(), r.nextInt(0, 100_000), alarms);
    }

    private static int expectedTemperature(TemperatureReading t) {
        return t.valid() ? t.value_dC() : Jk02CellInfo.NO_SENSOR_dC;
    }

    private static int expectedTemperature(List<TemperatureReading> ts, int i) {
        return i < ts.size() ? expectedTemperature(ts.get(i)) : Jk02CellInfo.NO_SENSOR_dC;
    }

    // ---- telemetry → cell info ----

    @Property(tries = 600)
    void cellInfoKeepsTheTelemetrysValues(@ForAll long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        Telemetry t = telemetry(r);
        Chemistry chem = Chemistry.values()[r.nextInt(3)];
        Settings s = Presets.forChemistry(chem);
        Jk02Layout l = r.nextBoolean() ? JK02_24S : JK02_32S;
        int counter = r.nextInt(256);
        Jk02CellInfo c = Jk02Mapping.cellInfo(t, s, l, counter);
        int n = t.cellCount();

        assertThat(c.layout()).isEqualTo(l);
        assertThat(c.counter()).isEqualTo(counter);
        assertThat(c.cell_mV().subList(0, n)).containsExactly(java.util.Arrays.stream(t.cell_mV()).boxed().toArray(Integer[]::new));
        assertThat(c.cell_mV().subList(n, l.cellSlots())).allSatisfy(x -> assertThat(x).isZero());
        assertThat(c.cellResistance_mOhm().subList(0, n))
                .containsExactly(java.util.Arrays.stream(t.wireResistance_mOhm()).boxed().toArray(Integer[]::new));
        assertThat(c.enabledCells()).isEqualTo(n);
        assertThat(c.enabledCellMask()).isEqualTo((1L << n) - 1);
        for (int i = 0; i < n; i++) {
            assertThat((c.wireResistanceWarningMask() >> i & 1) == 1)
                    .isEqualTo(t.wireResistance_mOhm()[i] >= Jk02Mapping.WIRE_WARNING_mOhm);
        }
        assertThat(c.average_mV()).isEqualTo(t.average_mV());
        assertThat(c.delta_mV()).isEqualTo(t.delta_mV());
        assertThat(c.maxCellIndex()).isEqualTo(t.maxCell() - 1);
        assertThat(c.minCellIndex()).isEqualTo(t.minCell() - 1);
        assertThat(c.packVoltage_mV()).isEqualTo(t.packVoltage_mV());
        assertThat(c.current_mA()).isEqualTo(t.current_mA());
        assertThat(c.power_mW()).isEqualTo(Math.abs(t.power_mW()));
        assertThat(c.mosTemperature_dC()).isEqualTo(expectedTemperature(t.mosTemperature()));
        assertThat(c.t1_dC()).isEqualTo(expectedTemperature(t.temperatures(), 0));
        assertThat(c.t2_dC()).isEqualTo(expectedTemperature(t.temperatures(), 1));
        assertThat(c.soc_pct()).isEqualTo(t.soc_pct());
        assertThat(c.remaining_mAh()).isEqualTo(t.remaining_mAh());
        assertThat(c.nominalCapacity_mAh()).isEqualTo(l == JK02_32S ? t.fullCapacity_mAh() : t.nominalCapacity_mAh());
        assertThat(c.cycles()).isEqualTo(t.cycles());
        assertThat(c.cycleCapacity_mAh()).isEqualTo(t.cycleCapacity_mAh());
        assertThat(c.soh_pct()).isEqualTo(t.soh_pct());
        assertThat(c.runtime_s()).isEqualTo(t.runtime_s());
        assertThat(c.chargeMosOn()).isEqualTo(t.chargeMos());
        assertThat(c.dischargeMosOn()).isEqualTo(t.dischargeMos());
        assertThat(c.precharge() != 0).isEqualTo(t.precharging());
        assertThat(c.balancing() != 0).isEqualTo(t.balancer().active());
        assertThat(c.balanceCurrent_mA()).isEqualTo(t.balancer().active() ? t.balancer().current_mA() : 0);
        // Alarms survive as far as the layout has bits for them.
        Set<Alarm> reportable = EnumSet.noneOf(Alarm.class);
        t.alarms().forEach(a -> Jk02ErrorBit.forAlarm(a, l).flatMap(Jk02ErrorBit::alarm).ifPresent(reportable::add));
        assertThat(Jk02ErrorBit.alarms(c.errors(), l)).isEqualTo(reportable);
        assertThat(c.temperatureSensorMask() & 1).isEqualTo(t.mosTemperature().status() == SensorStatus.ABSENT ? 0 : 1);
        if (l == JK02_32S) {
            Jk02CellInfo.Extra32S e = c.only32S().orElseThrow();
            assertThat(e.heating() != 0).isEqualTo(t.heating());
            assertThat(e.heaterCurrent_mA()).isEqualTo(t.heatingCurrent_mA());
            assertThat(e.emergencyCountdown_s()).isEqualTo(t.emergency() ? t.emergencyRemaining_s() : 0);
            assertThat(e.precharging() != 0).isEqualTo(t.precharging());
            assertThat(e.t3_dC()).isEqualTo(expectedTemperature(t.temperatures(), 2));
            assertThat(e.t4_dC()).isEqualTo(expectedTemperature(t.temperatures(), 3));
            assertThat(e.batteryType()).isEqualTo(chem.jkCode());
        } else {
            assertThat(c.only24S()).contains(Jk02CellInfo.Extra24S.DEFAULT);
            assertThat(c.errors()).isLessThan(1L << 16);
        }
        // And what the twin sends is what a client reads.
        assertThat(Jk02Codec.decode(Jk02Codec.encode(c), l)).isEqualTo(c);
    }

    @Test
    void alarmsMapToTheDocumentedBits() {
        assertThat(Jk02ErrorBit.errors(Set.of(Alarm.CELL_OVP), JK02_24S)).isEqualTo(1L << 4);
        assertThat(Jk02ErrorBit.errors(Set.of(Alarm.CELL_UVP, Alarm.MOS_OTP), JK02_24S)).isEqualTo(1L << 11 | 1L << 1);
        assertThat(Jk02ErrorBit.errors(Set.of(Alarm.SCP), JK02_32S)).isEqualTo(1L << 14);
        assertThat(Jk02ErrorBit.errors(Set.of(Alarm.DOCP2), JK02_32S)).isEqualTo(1L << 25);
        assertThat(Jk02ErrorBit.errors(Set.of(Alarm.DOCP2), JK02_24S)).isEqualTo(1L << 13);
        assertThat(Jk02ErrorBit.errors(Set.of(Alarm.DISCHARGE_UTP), JK02_32S)).isEqualTo(1L << 27);
        assertThat(Jk02ErrorBit.errors(Set.of(Alarm.DISCHARGE_UTP, Alarm.GPS_LOCK, Alarm.CELL_DELTA), JK02_24S)).isZero();
        assertThat(Jk02ErrorBit.alarms(1L << 7, JK02_24S)).containsExactly(Alarm.SCP);
        assertThat(Jk02ErrorBit.alarms(1L << 28 | 1L << 3, JK02_32S)).containsExactly(Alarm.GPS_LOCK);
        assertThat(Jk02ErrorBit.bits(1L << 28, JK02_24S)).isEmpty();
        for (Jk02ErrorBit b : Jk02ErrorBit.values()) {
            assertThat(b.bit()).isEqualTo(b.ordinal());
        }
    }

    @Test
    void absentAndFaultyTemperaturesAreSentAsNoSensor() {
        SplittableRandom r = new SplittableRandom(3);
        Telemetry base = telemetry(r);
        Telemetry t = new Telemetry(base.time_ms(), base.runtime_s(), base.power(), base.packVoltage_mV(), base.current_mA(),
                base.power_mW(), base.soc_pct(), base.remaining_mAh(), base.fullCapacity_mAh(), base.nominalCapacity_mAh(),
                base.cycles(), base.cycleCapacity_mAh(), base.soh_pct(), base.cell_mV(), base.wireResistance_mOhm(),
                base.maxCell(), base.minCell(), base.average_mV(), base.delta_mV(),
                new TemperatureReading(SensorStatus.OK, 234),
                List.of(new TemperatureReading(SensorStatus.OK, -55), new TemperatureReading(SensorStatus.OPEN, -600),
                        TemperatureReading.ABSENT, new TemperatureReading(SensorStatus.OK, 301)),
                false, false, false, BalancerStatus.IDLE, false, 0, false, 0, false, false, 1, Set.of());
        Jk02CellInfo c = Jk02Mapping.cellInfo(t, Presets.forChemistry(Chemistry.LFP), JK02_32S, 0);
        assertThat(c.temperature_dC(0)).contains(234);
        assertThat(c.temperature_dC(1)).contains(-55);
        assertThat(c.temperature_dC(2)).isEmpty();
        assertThat(c.temperature_dC(3)).isEmpty();
        assertThat(c.temperature_dC(4)).contains(301);
        assertThat(c.temperature_dC(5)).isEmpty();
        // Fitted: MOS, T1, T2 (open, but fitted), T4.
        assertThat(c.temperatureSensorMask()).isEqualTo(0b10111);
        Jk02CellInfo c24 = Jk02Mapping.cellInfo(t, Presets.forChemistry(Chemistry.LFP), JK02_24S, 0);
        assertThat(c24.temperatureSensorMask()).isEqualTo(0b111);
        assertThat(c24.only24S().orElseThrow().unknown168()).isEqualTo(0x0685);
    }

    // ---- settings → frame → patch ----

    private static Settings arbitrarySettings(SplittableRandom r) {
        Settings s = Presets.forChemistry(Chemistry.values()[r.nextInt(3)]);
        SettingsPatch.Builder b = SettingsPatch.builder();
        for (SettingKey k : SettingKey.values()) {
            if (r.nextBoolean()) {
                b.set(k, r.nextInt(k.min(), k.max() + 1));
            }
        }
        for (int ch = 1; ch <= Settings.WIRE_CHANNELS; ch++) {
            b.wireResistance(ch, r.nextInt(0, Settings.WIRE_RESISTANCE_MAX_mOhm + 1));
        }
        return s.with(b.build());
    }

    private static final Set<SettingKey> WHOLE_DEGREES = EnumSet.of(SettingKey.HEATING_START_dC,
            SettingKey.HEATING_STOP_dC, SettingKey.DISCHARGE_UTP_dC, SettingKey.DISCHARGE_UTPR_dC);

    @Property(tries = 400)
    void settingsSurviveTheFrameAsFarAsItCarriesThem(@ForAll long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        Settings s = arbitrarySettings(r);
        Jk02Layout l = r.nextBoolean() ? JK02_24S : JK02_32S;
        Jk02Settings frame = Jk02Mapping.settingsFrame(s, l, 7);
        Jk02Settings wire = (Jk02Settings) Jk02Codec.decode(Jk02Codec.encode(frame), l);
        assertThat(wire).isEqualTo(frame);
        SettingsPatch p = Jk02Mapping.patch(wire);
        for (var e : p.values().entrySet()) {
            int v = s.get(e.getKey());
            if (WHOLE_DEGREES.contains(e.getKey())) {
                assertThat(e.getValue()).as(e.getKey().jsonName()).isCloseTo(v, org.assertj.core.data.Offset.offset(5));
                assertThat(e.getValue() % 10).isZero();
            } else {
                assertThat(e.getValue()).as(e.getKey().jsonName()).isEqualTo(v);
            }
        }
        for (int ch = 1; ch <= Settings.WIRE_CHANNELS; ch++) {
            assertThat(p.wireResistance_mOhm().get(ch)).isEqualTo(s.wireResistance_mOhm(ch));
        }
        assertThat(p.values().keySet()).isEqualTo(carriedKeys(l));
    }

    /** What each layout's settings frame carries. */
    private static Set<SettingKey> carriedKeys(Jk02Layout l) {
        Set<SettingKey> k = EnumSet.noneOf(SettingKey.class);
        Jk02Register.settingsFrameRegisters().forEach(r -> k.add(r.settingKey().orElseThrow()));
        k.add(SettingKey.SCP_DELAY_us);
        k.add(SettingKey.BALANCE_START_mV);
        if (l == JK02_32S) {
            k.addAll(EnumSet.of(SettingKey.DEVICE_ADDRESS, SettingKey.PRECHARGE_TIME_s, SettingKey.HEATING_ENABLED,
                    SettingKey.TEMP_SENSORS_DISABLED, SettingKey.GPS_HEARTBEAT, SettingKey.COMM_PORT_MODE,
                    SettingKey.DISPLAY_ALWAYS_ON, SettingKey.SLEEP_ENABLED, SettingKey.PCL_DISABLED,
                    SettingKey.DOCP2_ENABLED, SettingKey.DOCP3_ENABLED, SettingKey.GPS_LOCK_CHARGE,
                    SettingKey.GPS_LOCK_DISCHARGE, SettingKey.HEATING_START_dC, SettingKey.HEATING_STOP_dC,
                    SettingKey.SLEEP_DELAY_h, SettingKey.DISCHARGE_UTP_dC, SettingKey.DISCHARGE_UTPR_dC));
        }
        return k;
    }

    @Test
    void wholeDegreesRoundHalfAwayFromZero() {
        Settings s = Presets.forChemistry(Chemistry.LFP).with(SettingsPatch.builder()
                .set(SettingKey.HEATING_START_dC, -45).set(SettingKey.HEATING_STOP_dC, 55)
                .set(SettingKey.DISCHARGE_UTP_dC, -44).set(SettingKey.DISCHARGE_UTPR_dC, 44).build());
        Jk02Settings.Extra32S e = Jk02Mapping.settingsFrame(s, JK02_32S, 0).only32S().orElseThrow();
        assertThat(List.of(e.heatingStart_C(), e.heatingStop_C(), e.dischargeUtp_C(), e.dischargeUtpr_C()))
                .containsExactly(-5, 6, -4, 4);
    }

    @Test
    void theCapturedSettingsFramesBecomeCoreValues() throws Exception {
        SettingsPatch p24 = Jk02Mapping.patch((Jk02Settings) Jk02Codec.decode(vector("SETTINGS_JK02_24S_V10.hex"), JK02_24S));
        assertThat(p24.values()).containsEntry(SettingKey.CELL_OVP_mV, 3550).containsEntry(SettingKey.CHARGE_OCP_mA, 50_000)
                .containsEntry(SettingKey.CHARGE_UTPR_dC, 10).containsEntry(SettingKey.CELL_COUNT, 24)
                .containsEntry(SettingKey.DISCHARGE_ENABLED, 0).containsEntry(SettingKey.SCP_DELAY_us, 1000)
                .containsEntry(SettingKey.BALANCE_START_mV, 3000).containsEntry(SettingKey.SMART_SLEEP_mV, 600)
                .doesNotContainKey(SettingKey.PRECHARGE_TIME_s);
        SettingsPatch p32 = Jk02Mapping.patch((Jk02Settings) Jk02Codec.decode(vector("SETTINGS_JK02_32S_V15.hex"), JK02_32S));
        assertThat(p32.values()).containsEntry(SettingKey.CELL_UVPR_mV, 2999).containsEntry(SettingKey.RCV_mV, 3448)
                .containsEntry(SettingKey.CAPACITY_mAh, 200_000).containsEntry(SettingKey.CHARGE_UTPR_dC, 95)
                .containsEntry(SettingKey.SLEEP_DELAY_h, 24)
                // Control bits 0x0200: float mode only, so CAN (bit 3 clear), heating off.
                .containsEntry(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal())
                .containsEntry(SettingKey.HEATING_ENABLED, 0)
                .containsEntry(SettingKey.HEATING_START_dC, 600).containsEntry(SettingKey.HEATING_STOP_dC, 500);
        assertThat(p32.wireResistance_mOhm()).hasSize(24);
    }

    @Test
    void patchSaturatesValuesBeyondInt() {
        Jk02Settings f = Jk02Settings.builder(JK02_24S).set(Jk02Register.CAPACITY, 0xFFFF_FFFFL).build();
        assertThat(Jk02Mapping.patch(f).values()).containsEntry(SettingKey.CAPACITY_mAh, Integer.MAX_VALUE);
    }

    // ---- settings changes → commands → what the device understands ----

    @Property(tries = 1000)
    void aSettingWrittenIsTheSettingUnderstood(@ForAll SettingKey key, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Jk02Layout l = r.nextBoolean() ? JK02_24S : JK02_32S;
        int v = r.nextInt(key.min(), key.max() + 1);
        if (WHOLE_DEGREES.contains(key)) {
            v -= v % 10;
        }
        Optional<Jk02Command> c = Jk02Mapping.writeCommand(key, v, l);
        assertThat(c.isPresent()).isEqualTo(Jk02Register.forSetting(key, l).isPresent());
        if (c.isPresent()) {
            Jk02Request req = Jk02Mapping.interpret(c.get(), l);
            assertThat(req).isInstanceOf(Jk02Request.ChangeSettings.class);
            assertThat(((Jk02Request.ChangeSettings) req).patch()).isEqualTo(SettingsPatch.of(key, v));
        }
    }

    @Test
    void aPatchBecomesCommandsAndNamesWhatCannotBeWritten() {
        SettingsPatch p = SettingsPatch.builder().set(SettingKey.CELL_OVP_mV, 3600).set(SettingKey.CELL_OVP_DELAY_s, 5)
                .set(SettingKey.HEATING_START_dC, 50).wireResistance(3, 120).userData("hello").build();
        Jk02Mapping.PatchCommands on24 = Jk02Mapping.commands(p, JK02_24S);
        assertThat(on24.commands()).containsExactly(
                Jk02Command.write(Jk02Register.CELL_OVP, JK02_24S, 3600),
                Jk02Command.write(Jk02Register.WIRE_RESISTANCE, JK02_24S, 3, 120),
                Jk02Command.userData("hello"));
        assertThat(on24.commands().get(1).register()).isEqualTo(0x29);
        assertThat(on24.notWritable()).containsExactly("cell_ovp_delay_s", "heating_start_dC");
        Jk02Mapping.PatchCommands on32 = Jk02Mapping.commands(p, JK02_32S);
        assertThat(on32.commands()).containsExactly(
                Jk02Command.write(Jk02Register.CELL_OVP, JK02_32S, 3600),
                Jk02Command.write(Jk02Register.HEATING_START, JK02_32S, 5),
                Jk02Command.userData("hello"));
        assertThat(on32.notWritable()).containsExactly("cell_ovp_delay_s", "wire_resistance_mOhm[3]");
    }

    // ---- device info ----

    @Test
    void theDeviceFrameCarriesIdentityUptimeAndUserData() throws Exception {
        Telemetry t = telemetry(new SplittableRandom(11));
        Settings s = Presets.forChemistry(Chemistry.NCM).with(SettingsPatch.builder().userData("garage pack")
                .set(SettingKey.RCV_TIME_dh, 7).build());
        Jk02DeviceInfo d = Jk02Mapping.deviceInfo(TWIN, t, s, TWIN.layout(), 9);
        byte[] raw = Jk02Codec.encode(d);
        assertThat(Jk02Codec.layoutOf(raw)).isEqualTo(JK02_32S);
        Jk02DeviceInfo back = (Jk02DeviceInfo) Jk02Codec.decode(raw, JK02_32S);
        assertThat(back).isEqualTo(d);
        assertThat(Jk02DeviceIdentity.of(back)).isEqualTo(TWIN);
        assertThat(back.uptime_s()).isEqualTo(t.runtime_s());
        assertThat(back.powerOnCount()).isEqualTo(t.powerOnCount());
        assertThat(back.userData()).isEqualTo("garage pack");
        assertThat(back.only32S().orElseThrow().rcvTime_dh()).isEqualTo(7);
        Jk02DeviceInfo old = Jk02Mapping.deviceInfo(TWIN, t, s, JK02_24S, 9);
        assertThat(old.only32S()).isEmpty();
        assertThatThrownBy(() -> new Jk02DeviceIdentity("x", "", "", "", "", "", "123456789012", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serialNumber");
    }

    @Test
    void theSettingsFrameForAPresetReadsBackAsThatPreset() throws Exception {
        for (Chemistry chem : Chemistry.values()) {
            Settings s = Presets.forChemistry(chem);
            for (Jk02Layout l : Jk02Layout.values()) {
                Jk02Settings f = (Jk02Settings) Jk02Codec.decode(Jk02Codec.encode(Jk02Mapping.settingsFrame(s, l, 0)), l);
                assertThat(s.with(Jk02Mapping.patch(f))).as("%s %s", chem, l).isEqualTo(s);
            }
        }
    }
}
