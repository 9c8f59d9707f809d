package io.jkbms.protocol.can;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import io.jkbms.protocol.uart.UartWarning;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.jkbms.protocol.can.PylonFlag.*;
import static io.jkbms.protocol.uart.TelemetryBuilder.ok;
import static io.jkbms.protocol.uart.TelemetryBuilder.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Pylontech-compatible set of protocols.md §3.2, built from the board's state and read back. */
class PylontechCanTest {
    private static final Settings LFP16 = Presets.forChemistry(Chemistry.LFP);

    @Test
    void limitsFromSettings() throws CodecException {
        PylonLimits l = PylonLimits.fromSettings(LFP16);
        assertThat(l).isEqualTo(new PylonLimits(3_450 * 16, 120_000, 120_000, 2_600 * 16));
        CanFrame f = l.toFrame();
        assertThat(f.id()).isEqualTo(0x351);
        assertThat(Hex.of(f.data())).isEqualTo("2802" + "B004" + "B004" + "A001"); // 55.2 V, 120 A, 120 A, 41.6 V
        assertThat(CanCodec.decode(f)).isEqualTo(l);
        PylonLimits given = new PylonLimits(56_000, 0, 50_000, 44_800);
        assertThat(Hex.of(given.toFrame().data())).isEqualTo("3002" + "0000" + "F401" + "C001");
    }

    @Test
    void socAndSoh() throws CodecException {
        CanFrame f = PylontechCan.socSoh(telemetry().soc(87).soh(99).build()).toFrame();
        assertThat(Hex.of(f.data())).isEqualTo("57006300");
        assertThat(CanCodec.decode(f)).isEqualTo(new PylonSocSoh(87, 99));
    }

    @Test
    void measurementsAreSignedWithChargePositive() throws CodecException {
        Telemetry t = telemetry().pack_mV(53_224).current_mA(31_881).temperatures(ok(134), ok(128)).build();
        CanFrame f = PylontechCan.measurements(t).toFrame();
        assertThat(Hex.of(f.data())).isEqualTo("CA14" + "3F01" + "8600"); // 53.22 V, +31.9 A, 13.4 °C
        assertThat(CanCodec.decode(f)).isEqualTo(new PylonMeasurements(53_220, 31_900, 134));
        Telemetry cold = telemetry().current_mA(-20_000).temperatures(ok(-54), new TemperatureReading(SensorStatus.SHORTED, 900)).build();
        PylonMeasurements m = (PylonMeasurements) CanCodec.decode(PylontechCan.measurements(cold).toFrame());
        assertThat(m.current_mA()).isEqualTo(-20_000);
        assertThat(m.temperature_dC()).isEqualTo(-54);
        Telemetry noSensor = telemetry().mos(ok(301)).temperatures(TemperatureReading.ABSENT).build();
        assertThat(PylontechCan.measurements(noSensor).temperature_dC()).isEqualTo(301);
    }

    @Test
    void chargeRequestFollowsTheMosfets() throws CodecException {
        assertThat(Hex.of(PylontechCan.chargeRequest(telemetry().mosfets(true, true).build()).toFrame().data())).isEqualTo("C000");
        assertThat(Hex.of(PylontechCan.chargeRequest(telemetry().mosfets(false, true).build()).toFrame().data())).isEqualTo("4000");
        assertThat(Hex.of(PylontechCan.chargeRequest(telemetry().mosfets(true, false).build()).toFrame().data())).isEqualTo("8000");
        assertThat(CanCodec.decode(new CanFrame(0x35C, Hex.parse("FF00")))).isEqualTo(new PylonChargeRequest(true, true));
    }

    @Test
    void nameIsGoodweOrConfigured() throws CodecException {
        CanFrame f = PylonName.GOODWE.toFrame();
        assertThat(Hex.of(f.data())).isEqualTo("474F4F4457452020");
        assertThat(new String(f.data(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GOODWE  ");
        assertThat(CanCodec.decode(f)).isEqualTo(new PylonName("GOODWE  "));
        assertThat(CanOptions.defaults(LFP16).withName("PYLON").pylonName().name()).isEqualTo("PYLON   ");
        assertThatThrownBy(() -> new PylonName("TOO LONG!")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Each 0x8B bit sets the 0x359 flags §3.2 lists for it. */
    @Test
    void warningBitsMapAsUksDoes() {
        Map<Integer, Set<PylonFlag>> expected = Map.ofEntries(
                Map.entry(0, Set.of()), Map.entry(1, Set.of(HIGH_TEMPERATURE)), Map.entry(2, Set.of(HIGH_VOLTAGE)),
                Map.entry(3, Set.of(LOW_VOLTAGE)), Map.entry(4, Set.of(HIGH_TEMPERATURE)),
                Map.entry(5, Set.of(CHARGE_OVERCURRENT)), Map.entry(6, Set.of(DISCHARGE_OVERCURRENT)),
                Map.entry(7, Set.of(HIGH_VOLTAGE, CELL_IMBALANCE)), Map.entry(8, Set.of(HIGH_TEMPERATURE)),
                Map.entry(9, Set.of(LOW_TEMPERATURE)), Map.entry(10, Set.of(HIGH_VOLTAGE)),
                Map.entry(11, Set.of(LOW_VOLTAGE)), Map.entry(12, Set.of(INTERNAL_FAILURE)),
                Map.entry(13, Set.of(INTERNAL_FAILURE)), Map.entry(14, Set.of()), Map.entry(15, Set.of()));
        expected.forEach((bit, flags) -> assertThat(PylontechCan.fromWarningBits(1 << bit, 1).flags())
                .as("bit %d", bit).containsExactlyInAnyOrderElementsOf(flags));
    }

    @Test
    void alarmsFrameFromCoreAlarms() throws CodecException {
        PylonAlarms a = PylontechCan.alarms(EnumSet.of(Alarm.CELL_OVP, Alarm.DISCHARGE_OCP), 2);
        assertThat(a.flags()).containsExactlyInAnyOrder(HIGH_VOLTAGE, DISCHARGE_OVERCURRENT);
        CanFrame f = a.toFrame();
        assertThat(Hex.of(f.data())).isEqualTo("8200000002000000");
        assertThat(CanCodec.decode(f)).isEqualTo(a);
        assertThat(PylontechCan.alarms(EnumSet.of(Alarm.CHARGE_UTP), 1).flags()).containsExactly(LOW_TEMPERATURE);
        assertThat(PylontechCan.alarms(EnumSet.of(Alarm.CHARGE_OCP), 1).flags()).containsExactly(CHARGE_OVERCURRENT);
        assertThat(PylontechCan.alarms(EnumSet.of(Alarm.CELL_DELTA), 1).flags()).containsExactlyInAnyOrder(HIGH_VOLTAGE, CELL_IMBALANCE);
        assertThat(PylontechCan.alarms(EnumSet.of(Alarm.POWER_OFF), 1).flags()).containsExactly(LOW_VOLTAGE);
        assertThat(PylontechCan.alarms(EnumSet.of(Alarm.MOS_OTP), 1).flags()).containsExactly(HIGH_TEMPERATURE);
        for (Alarm fault : EnumSet.of(Alarm.TEMP_SENSOR_FAULT, Alarm.CELL_COUNT_MISMATCH, Alarm.WIRE_RESISTANCE,
                Alarm.PARALLEL_MODULE_FAULT)) {
            assertThat(PylontechCan.alarms(EnumSet.of(fault, Alarm.LOW_SOC), 1).flags()).containsExactly(INTERNAL_FAILURE);
        }
        assertThat(PylontechCan.alarms(EnumSet.of(Alarm.LOW_SOC, Alarm.GPS_LOCK), 1).flags()).isEmpty();
        // The same bits the 4E57 port reports, so both ports agree.
        assertThat(PylontechCan.fromWarningBits(UartWarning.bits(UartWarning.fromAlarms(EnumSet.of(Alarm.SCP))), 1).flags())
                .containsExactly(DISCHARGE_OVERCURRENT);
    }

    @Test
    void framesForTheSchedule() {
        Telemetry t = telemetry().alarms(Alarm.CELL_OVP).build();
        CanOptions o = CanOptions.defaults(LFP16);
        for (CanMessage m : CanMessage.values()) {
            CanFrame f = CanFrames.build(m, t, LFP16, o).orElseThrow();
            assertThat(f.id()).isEqualTo(m.id());
            assertThat(f.length()).isEqualTo(m.length());
        }
        Telemetry quiet = telemetry().temperatures(TemperatureReading.ABSENT).build();
        assertThat(CanFrames.build(CanMessage.JK_ALM_INFO, quiet, LFP16, o)).isEmpty();
        assertThat(CanFrames.build(CanMessage.JK_CELL_TEMP, quiet, LFP16, o)).isEmpty();
        PylonLimits policy = new PylonLimits(55_200, 0, 100_000, 44_800);
        assertThat(CanFrames.build(CanMessage.PYLON_LIMITS, quiet, LFP16, o.withLimits(policy))).contains(policy.toFrame());
        assertThat(LFP16.get(SettingKey.CELL_COUNT)).isEqualTo(16);
    }
}
