package io.jkbms.protocol.uart;

import io.jkbms.core.board.BoardModel;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static io.jkbms.protocol.uart.TelemetryBuilder.ok;
import static io.jkbms.protocol.uart.TelemetryBuilder.telemetry;
import static io.jkbms.protocol.uart.UartWarning.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Replies the twin builds from its telemetry and settings. */
class UartRepliesTest {
    private static final UartDevice DEVICE = UartDevice.forBoard(BoardModel.parse("JK-BD4A24S-12PHCR"), "my pack", "2507");

    private static UartData readAll(Telemetry t, Settings s) throws CodecException {
        UartFrame f = UartFrame.decode(UartReplies.readAllFrame(t, s, DEVICE).encode());
        assertThat(f.command()).isEqualTo(UartCommand.READ_ALL);
        assertThat(f.type()).isEqualTo(UartFrameType.REPLY);
        return UartData.parse(f.body());
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void aReadAllCarriesThePresetExactly(Chemistry c) throws CodecException {
        Settings preset = Presets.forChemistry(c);
        UartData d = readAll(telemetry().build(), preset);
        assertThat(preset.with(d.toSettingsPatch())).isEqualTo(preset);
        assertThat(d.toSettingsPatch().values()).hasSize(29);
        assertThat(d.values().get(d.values().size() - 1)).isEqualTo(new UartValue.Num(UartId.PROTOCOL_VERSION, 1));
        assertThat(d.raw(UartId.PACK_OVP)).hasValue((long) preset.get(SettingKey.CELL_COUNT)
                * preset.get(SettingKey.CELL_OVP_mV) / 10);
        assertThat(d.raw(UartId.PACK_UVP)).hasValue((long) preset.get(SettingKey.CELL_COUNT)
                * preset.get(SettingKey.CELL_UVP_mV) / 10);
    }

    @Test
    void measurementsComeBackAsSent() throws CodecException {
        Telemetry t = telemetry().cells(3301, 3299, 3400, 3198).current_mA(-23_456).soc(77).cycles(12)
                .cycleCapacity_mAh(1_234_999).runtime_s(7_260).fullCapacity_mAh(98_765)
                .mos(ok(354)).temperatures(ok(-54), ok(-5), TemperatureReading.ABSENT).build();
        UartData d = readAll(t, Presets.forChemistry(Chemistry.LFP));
        assertThat(d.cell_mV()).containsExactly(3301, 3299, 3400, 3198);
        assertThat(d.packVoltage_mV()).hasValue(13_200);
        assertThat(d.current_mA()).hasValue(-23_460);
        assertThat(d.raw(UartId.CURRENT)).hasValue(2_346); // discharge: no sign bit
        assertThat(d.soc_pct()).hasValue(77);
        assertThat(d.raw(UartId.CYCLES)).hasValue(12);
        assertThat(d.raw(UartId.CYCLE_CAPACITY)).hasValue(1_234);
        assertThat(d.raw(UartId.RUNTIME)).hasValue(121);
        assertThat(d.raw(UartId.ACTUAL_CAPACITY)).hasValue(98);
        assertThat(d.raw(UartId.CELL_COUNT)).hasValue(4);
        assertThat(d.raw(UartId.NTC_COUNT)).hasValue(2);
        assertThat(d.temperature_C(UartId.MOS_TEMPERATURE)).hasValue(35);
        assertThat(d.temperature_C(UartId.T1_TEMPERATURE)).hasValue(-5);
        assertThat(d.raw(UartId.T1_TEMPERATURE)).hasValue(104);
        assertThat(d.temperature_C(UartId.T2_TEMPERATURE)).hasValue(-1);
        assertThat(d.raw(UartId.T2_TEMPERATURE)).hasValue(100);
    }

    @Test
    void whatTheWireCannotCarryIsClamped() throws CodecException {
        Telemetry t = telemetry().current_mA(400_000).mos(ok(1_250))
                .temperatures(new TemperatureReading(SensorStatus.OPEN, -900)).build();
        UartData d = readAll(t, Presets.forChemistry(Chemistry.LFP));
        assertThat(d.current_mA()).hasValue(UartQuantities.MAX_SIGNED_CURRENT_mA);
        assertThat(d.temperature_C(UartId.MOS_TEMPERATURE)).hasValue(99);
        assertThat(d.temperature_C(UartId.T1_TEMPERATURE)).hasValue(0);   // not OK: sent as 0 °C
        assertThat(d.temperature_C(UartId.T2_TEMPERATURE)).hasValue(0);   // no such sensor
        assertThat(d.raw(UartId.NTC_COUNT)).hasValue(1);
    }

    @Test
    void legacyProtocolVersionChangesOnlyTheCurrentEncoding() throws CodecException {
        UartDevice old = new UartDevice("", "", "", "", "", 100, 100, 20, 1000, 10, false, 0, 0, 0);
        Telemetry t = telemetry().current_mA(15_000).build();
        UartData d = UartData.parse(UartReplies.readAll(t, Presets.forChemistry(Chemistry.LFP), old).encode());
        assertThat(d.raw(UartId.CURRENT)).hasValue(8_500);
        assertThat(d.current_mA()).hasValue(15_000);
        assertThat(d.protocolVersion()).hasValue(0);
    }

    @Test
    void statusBitsFollowTheMosfetsAndTheBalancer() throws CodecException {
        Settings s = Presets.forChemistry(Chemistry.LFP);
        assertThat(readAll(telemetry().mosfets(true, false).balancing(false).build(), s).raw(UartId.STATUS)).hasValue(1);
        assertThat(readAll(telemetry().mosfets(false, true).balancing(true).build(), s).raw(UartId.STATUS)).hasValue(6);
        assertThat(readAll(telemetry().mosfets(true, true).balancing(true).build(), s).status())
                .contains(new UartStatus(true, true, true, false));
    }

    @Test
    void alarmsBecomeWarningBits() throws CodecException {
        Settings s = Presets.forChemistry(Chemistry.LFP);
        assertThat(readAll(telemetry().alarms(Alarm.CELL_OVP).build(), s).raw(UartId.WARNINGS)).hasValue(0x0404);
        assertThat(readAll(telemetry().alarms(Alarm.LOW_SOC, Alarm.MOS_OTP).build(), s).warnings())
                .contains(EnumSet.of(LOW_CAPACITY, MOS_OVERTEMPERATURE));
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.CELL_UVP))).containsExactlyInAnyOrder(CELL_UNDERVOLTAGE, DISCHARGE_UNDERVOLTAGE);
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.POWER_OFF))).containsExactlyInAnyOrder(CELL_UNDERVOLTAGE, DISCHARGE_UNDERVOLTAGE);
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.CHARGE_OTP, Alarm.DISCHARGE_OTP))).containsExactly(BATTERY_OVERTEMPERATURE);
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.CHARGE_UTP))).containsExactly(LOW_TEMPERATURE);
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.DISCHARGE_UTP))).containsExactly(LOW_TEMPERATURE);
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.CHARGE_OCP))).containsExactly(CHARGE_OVERCURRENT);
        for (Alarm a : EnumSet.of(Alarm.DISCHARGE_OCP, Alarm.DOCP2, Alarm.DOCP3, Alarm.SCP)) {
            assertThat(UartWarning.fromAlarms(EnumSet.of(a))).containsExactly(DISCHARGE_OVERCURRENT);
        }
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.CELL_DELTA))).containsExactly(CELL_DELTA);
        assertThat(UartWarning.fromAlarms(EnumSet.of(Alarm.GPS_LOCK, Alarm.WIRE_RESISTANCE, Alarm.TEMP_SENSOR_FAULT))).isEmpty();
        assertThat(UartWarning.bits(UartWarning.fromAlarms(EnumSet.allOf(Alarm.class)))).isEqualTo(0x0EFF);
    }

    @Test
    void warningBitsDecodeByName() {
        assertThat(UartWarning.of(0xC001)).containsExactly(LOW_CAPACITY);
        assertThat(UartWarning.of(0x3000)).containsExactly(PROTECTION_309_A, PROTECTION_309_B);
        for (UartWarning w : UartWarning.values()) {
            assertThat(UartWarning.of(w.mask())).containsExactly(w);
            assertThat(UartWarning.bits(Set.of(w))).isEqualTo(1 << w.bit());
        }
    }

    @ParameterizedTest
    @EnumSource(UartId.class)
    void readOneAnswersWithTheSameValueAsReadAll(UartId id) throws CodecException {
        Telemetry t = telemetry().cells(3301, 3302).current_mA(1_230).build();
        Settings s = Presets.forChemistry(Chemistry.NCM);
        UartFrame f = UartFrame.decode(UartReplies.readOne(id, t, s, DEVICE).encode());
        assertThat(f.command()).isEqualTo(UartCommand.READ_ONE);
        UartData one = UartData.parse(f.body());
        assertThat(one.values()).hasSize(1);
        assertThat(one.values().get(0)).isEqualTo(UartReplies.value(id, t, s, DEVICE));
        if (id.readable()) {
            assertThat(UartReplies.readAll(t, s, DEVICE).get(id)).contains(one.values().get(0));
        }
    }

    @Test
    void writeRepliesStartWithTheWrittenIdentifier() throws CodecException {
        UartFrame r = UartReplies.writeReply(new UartValue.Num(UartId.CHARGE_SWITCH, 1));
        assertThat(Hex.of(r.body())).isEqualTo("AB01");
        assertThat(r.command()).isEqualTo(UartCommand.WRITE);
        assertThat(UartFrame.decode(r.encode()).source()).isEqualTo(UartSource.BMS);
        UartFrame pw = UartRequest.password().toFrame(UartSource.GPS);
        assertThat(UartReplies.echo(pw).body()).isEqualTo(pw.body());
        assertThat(UartReplies.echo(pw).type()).isEqualTo(UartFrameType.REPLY);
    }

    @Test
    void theTwinsIdentityFollowsJksLayout() {
        assertThat(DEVICE.deviceId()).isEqualTo("my pack");
        assertThat(DEVICE.manufacturer()).isEqualTo("my packJK-BD4A24S-12PHCR");
        assertThat(DEVICE.manufacturer()).hasSize(24);
        UartDevice jk = UartDevice.forBoard(BoardModel.parse("JK-BD4A20S-12P"), "Input Userdata", "2204");
        assertThat(jk.deviceId()).isEqualTo("Input Us");
        assertThat(jk.manufacturer()).isEqualTo("Input UserJK-BD4A20S-12P");
        assertThat(jk.protocolVersion()).isEqualTo(1);
        UartDevice empty = UartDevice.forBoard(BoardModel.parse("JK-BD4A20S-12P"), "", "2204");
        assertThat(empty.deviceId()).isEmpty();
        assertThat(empty.manufacturer()).isEqualTo("          JK-BD4A20S-12P");
    }
}
