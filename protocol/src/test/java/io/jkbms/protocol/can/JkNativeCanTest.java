package io.jkbms.protocol.can;

import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Map;

import static io.jkbms.protocol.can.JkCanAlarm.Level.*;
import static io.jkbms.protocol.uart.TelemetryBuilder.ok;
import static io.jkbms.protocol.uart.TelemetryBuilder.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JK native BMS-CAN against the three examples of protocols.md §3.1, and built from telemetry. */
class JkNativeCanTest {

    private static CanPayload decode(int id, String hex) throws CodecException {
        return CanCodec.decode(new CanFrame(id, Hex.parse(hex)));
    }

    /** {@code 02F4 1301D71133XX6400} = 27.5 V, 56.7 A, 51 %, 100 h, whatever XX is. */
    @ParameterizedTest
    @ValueSource(strings = {"00", "5A", "FF"})
    void battStatusExample(String xx) throws CodecException {
        JkBattStatus s = (JkBattStatus) decode(0x02F4, "1301D71133" + xx + "6400");
        assertThat(s.packVoltage_mV()).isEqualTo(27_500);
        assertThat(s.current_mA()).isEqualTo(-56_700); // + = discharge on the wire: 56.7 A out of the pack
        assertThat(s.soc_pct()).isEqualTo(51);
        assertThat(s.dischargeTime_h()).isEqualTo(100);
    }

    @Test
    void battStatusEncodesTheExampleWithByte5Zero() {
        CanFrame f = new JkBattStatus(27_500, -56_700, 51, 100).toFrame();
        assertThat(f.id()).isEqualTo(0x02F4);
        assertThat(Hex.of(f.data())).isEqualTo("1301D71133006400");
        // Charging goes below the offset: 400 − 56.7 = 343.3 A → 3433 = 0x0D69.
        assertThat(Hex.of(new JkBattStatus(27_500, 56_700, 51, 100).toFrame().data()).substring(4, 8)).isEqualTo("690D");
    }

    @Test
    void cellVoltExample() throws CodecException {
        assertThat(decode(0x04F4, "8C0A05920908")).isEqualTo(new JkCellVoltages(2_700, 5, 2_450, 8));
        assertThat(Hex.of(new JkCellVoltages(2_700, 5, 2_450, 8).toFrame().data())).isEqualTo("8C0A05920908");
    }

    @Test
    void alarmExample() throws CodecException {
        JkAlarmInfo a = (JkAlarmInfo) decode(0x07F4, "43002000");
        assertThat(a.levels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                JkCanAlarm.CELL_OVERVOLTAGE, GENERAL,    // level 3
                JkCanAlarm.PACK_UNDERVOLTAGE, SEVERE,    // level 1
                JkCanAlarm.SOC_LOW, IMPORTANT));         // level 2
        assertThat(Hex.of(a.toFrame().data())).isEqualTo("43002000");
        assertThat(a.bits()).isEqualTo(0x0020_0043L);
    }

    @Test
    void theSilverBoardsF5IdentifiersAreReadToo() throws CodecException {
        assertThat(decode(0x04F5, "8C0A05920908")).isEqualTo(new JkCellVoltages(2_700, 5, 2_450, 8));
        assertThat(CanCodec.messageOf(0x02F5)).isEqualTo(CanMessage.JK_BATT_ST);
        assertThatThrownBy(() -> CanCodec.messageOf(0x0352)).isInstanceOf(CodecException.class)
                .hasMessage("CAN id 0x352 is not a JK native or Pylontech broadcast frame");
    }

    @Test
    void shortFramesAreCodecErrors() {
        assertThatThrownBy(() -> decode(0x02F4, "1301D711")).isInstanceOf(CodecException.class)
                .hasMessage("0x2F4 JK_BATT_ST needs 8 data bytes, got 4");
        assertThatThrownBy(() -> decode(0x07F4, "430020")).hasMessage("0x7F4 JK_ALM_INFO needs 4 data bytes, got 3");
    }

    @Test
    void battStatusFromTelemetry() {
        Telemetry discharging = telemetry().pack_mV(53_249).current_mA(-20_000).soc(64).remaining_mAh(130_000).build();
        JkBattStatus s = JkNativeCan.battStatus(discharging);
        assertThat(s).isEqualTo(new JkBattStatus(53_249, -20_000, 64, 6));
        CanFrame f = s.toFrame();
        assertThat(Hex.of(f.data())).isEqualTo("1402" + "6810" + "40" + "00" + "0600"); // 53.2 V, 400+20 A, 64 %, 6 h
        Telemetry charging = telemetry().current_mA(15_000).build();
        assertThat(JkNativeCan.battStatus(charging).dischargeTime_h()).isEqualTo(JkNativeCan.NOT_DISCHARGING_h);
        assertThat(Hex.of(JkNativeCan.battStatus(charging).toFrame().data()).substring(4, 8)).isEqualTo("0A0F"); // 400−15 A
    }

    @Test
    void cellVoltagesFromTelemetry() {
        Telemetry t = telemetry().cells(3301, 3412, 3299, 3350).build();
        assertThat(JkNativeCan.cellVoltages(t)).isEqualTo(new JkCellVoltages(3_412, 2, 3_299, 3));
    }

    @Test
    void cellTemperaturesUseTheWorkingExternalSensors() {
        Telemetry t = telemetry().temperatures(ok(-54), new TemperatureReading(SensorStatus.OPEN, -900), ok(235),
                TemperatureReading.ABSENT).build();
        JkCellTemperatures c = JkNativeCan.cellTemperatures(t).orElseThrow();
        assertThat(c).isEqualTo(new JkCellTemperatures(24, 3, -5, 1, 9)); // mean of -5.4 and 23.5 = 9.05 → 9
        assertThat(Hex.of(c.toFrame().data())).isEqualTo("4A032D013B");
        assertThat(JkNativeCan.cellTemperatures(telemetry().temperatures(TemperatureReading.ABSENT).build())).isEmpty();
        JkCellTemperatures hot = JkNativeCan.cellTemperatures(telemetry().temperatures(ok(3_000), ok(-900)).build()).orElseThrow();
        assertThat(hot.max_C()).isEqualTo(205);
        assertThat(hot.min_C()).isEqualTo(-50);
    }

    @Test
    void alarmLevelsFromCoreAlarms() {
        assertThat(JkNativeCan.alarmInfo(EnumSet.noneOf(Alarm.class)).isEmpty()).isTrue();
        assertThat(JkNativeCan.alarmInfo(EnumSet.of(Alarm.CELL_OVP, Alarm.LOW_SOC)).levels())
                .containsExactlyInAnyOrderEntriesOf(Map.of(JkCanAlarm.CELL_OVERVOLTAGE, IMPORTANT, JkCanAlarm.SOC_LOW, GENERAL));
        // The most severe alarm of a field wins.
        assertThat(JkNativeCan.alarmInfo(EnumSet.of(Alarm.DISCHARGE_OCP, Alarm.SCP)).levels())
                .containsExactly(Map.entry(JkCanAlarm.DISCHARGE_OVERCURRENT, SEVERE));
        assertThat(JkNativeCan.alarmInfo(EnumSet.of(Alarm.CELL_UVP, Alarm.POWER_OFF)).levels())
                .containsExactly(Map.entry(JkCanAlarm.CELL_UNDERVOLTAGE, SEVERE));
        assertThat(JkNativeCan.alarmInfo(EnumSet.of(Alarm.MOS_OTP, Alarm.CHARGE_UTP, Alarm.CHARGE_OCP)).levels())
                .containsOnlyKeys(JkCanAlarm.TEMPERATURE_HIGH, JkCanAlarm.TEMPERATURE_LOW, JkCanAlarm.CHARGE_OVERCURRENT);
        assertThat(JkNativeCan.alarmInfo(EnumSet.of(Alarm.GPS_DISCONNECTED, Alarm.PARALLEL_MODULE_FAULT)).levels())
                .containsOnlyKeys(JkCanAlarm.EXTERNAL_COMMS, JkCanAlarm.INTERNAL_COMMS);
        assertThat(JkNativeCan.alarmInfo(EnumSet.of(Alarm.GPS_LOCK, Alarm.WIRE_RESISTANCE)).isEmpty()).isTrue();
        JkAlarmInfo all = JkNativeCan.alarmInfo(EnumSet.allOf(Alarm.class));
        assertThat(all.levels()).doesNotContainKeys(JkCanAlarm.PACK_OVERVOLTAGE, JkCanAlarm.PACK_UNDERVOLTAGE,
                JkCanAlarm.TEMPERATURE_DELTA, JkCanAlarm.INSULATION, JkCanAlarm.HV_INTERLOCK);
        assertThat(all.bits() >>> 30).isZero();
    }

    @Test
    void recordsRefuseWhatTheirFieldsCannotHold() {
        assertThatThrownBy(() -> new JkBattStatus(0, 0, 256, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JkCellVoltages(70_000, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JkCellTemperatures(206, 1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        // Voltage and current are clamped instead: they come from measurements.
        assertThat(Hex.of(new JkBattStatus(-1, 10_000_000, 0, 0).toFrame().data())).startsWith("00000000");
    }
}
