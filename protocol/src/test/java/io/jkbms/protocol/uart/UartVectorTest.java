package io.jkbms.protocol.uart;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.jkbms.core.settings.SettingKey.*;
import static io.jkbms.protocol.uart.TelemetryBuilder.ok;
import static io.jkbms.protocol.uart.TelemetryBuilder.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

/** vectors/UART_13S_V10: a JK-B2A24S20P (sw 10.07) reply to a PC read-all, decoded to the values of protocols.md §4. */
class UartVectorTest {
    private static final int[] CELLS_mV = {4092, 4047, 4093, 4092, 4092, 4090, 4087, 4094, 4094, 4092, 4087, 4087, 4093};

    private final byte[] vector = UartVectors.uart13s();

    @Test
    void frameHeaderLengthAndChecksum() throws CodecException {
        UartFrame f = UartFrame.decode(vector);
        assertThat(vector).hasSize(3 * 13 + 243);
        assertThat(f.command()).isEqualTo(UartCommand.READ_ALL);
        assertThat(f.source()).isEqualTo(UartSource.BMS);
        assertThat(f.type()).isEqualTo(UartFrameType.REPLY);
        assertThat(f.terminalId()).isZero();
        assertThat(f.recordNumber()).isZero();
        assertThat(f.body()).hasSize(vector.length - UartFrame.MIN_LENGTH);
        assertThat(Hex.of(Arrays.copyOfRange(vector, vector.length - 4, vector.length))).isEqualTo("0000544E");
        assertThat(UartFrame.checksum(vector, vector.length - 4)).isEqualTo(0x544E);
    }

    @Test
    void decodesToTheListedValues() throws CodecException {
        UartData d = UartData.parse(UartFrame.decode(vector).body());

        assertThat(d.cell_mV()).containsExactly(CELLS_mV);
        assertThat(d.cells()).extracting(UartValue.Cell::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(d.packVoltage_mV()).hasValue(53_130);
        assertThat(d.current_mA()).hasValue(0);
        assertThat(d.soc_pct()).hasValue(94);
        assertThat(d.temperature_C(UartId.MOS_TEMPERATURE)).hasValue(22);
        assertThat(d.temperature_C(UartId.T1_TEMPERATURE)).hasValue(19);
        assertThat(d.temperature_C(UartId.T2_TEMPERATURE)).hasValue(19);
        assertThat(d.raw(UartId.STATUS)).hasValue(0x0004);
        assertThat(d.status()).contains(new UartStatus(false, false, true, false));
        assertThat(d.warnings()).hasValueSatisfying(w -> assertThat(w).isEmpty());
        assertThat(d.setting(CELL_OVP_mV)).hasValue(4_200);
        assertThat(d.setting(CELL_UVP_mV)).hasValue(2_900);
        assertThat(d.setting(DISCHARGE_OCP_mA)).hasValue(150_000);
        assertThat(d.setting(CHARGE_OCP_mA)).hasValue(25_000);
        assertThat(d.setting(CAPACITY_mAh)).hasValue(5_000);
        assertThat(d.protocolVersion()).hasValue(1);
    }

    @Test
    void decodesEveryOtherField() throws CodecException {
        UartData d = UartData.parse(UartFrame.decode(vector).body());
        assertThat(d.raw(UartId.NTC_COUNT)).hasValue(2);
        assertThat(d.raw(UartId.CELL_COUNT)).hasValue(13);
        assertThat(d.raw(UartId.PACK_OVP)).hasValue(5460);  // 13 × 4.200 V
        assertThat(d.raw(UartId.PACK_UVP)).hasValue(3770);  // 13 × 2.900 V
        assertThat(d.setting(CELL_OVPR_mV)).hasValue(4_100);
        assertThat(d.setting(CELL_UVPR_mV)).hasValue(3_200);
        assertThat(d.setting(CELL_DELTA_ALARM_mV)).hasValue(300);
        assertThat(d.setting(DISCHARGE_OCP_DELAY_s)).hasValue(300);
        assertThat(d.setting(CHARGE_OCP_DELAY_s)).hasValue(30);
        assertThat(d.setting(BALANCE_START_mV)).hasValue(3_300);
        assertThat(d.setting(BALANCE_TRIGGER_mV)).hasValue(10);
        assertThat(d.setting(BALANCE_ENABLED)).hasValue(1);
        assertThat(d.setting(MOS_OTP_dC)).hasValue(900);
        assertThat(d.setting(MOS_OTPR_dC)).hasValue(700);
        assertThat(d.setting(CHARGE_UTP_dC)).hasValue(-200);
        assertThat(d.setting(CHARGE_UTPR_dC)).hasValue(-100);
        assertThat(d.setting(BATTERY_TYPE)).hasValue(Chemistry.NCM.ordinal());
        assertThat(d.setting(CHARGE_ENABLED)).hasValue(0);
        assertThat(d.setting(LOW_SOC_ALARM_pct)).hasValue(20);
        assertThat(d.raw(UartId.SLEEP_WAIT)).hasValue(10);
        assertThat(d.raw(UartId.CURRENT_CALIBRATION)).hasValue(1070);
        assertThat(d.text(UartId.PASSWORD)).contains("123456");
        assertThat(d.text(UartId.DEVICE_ID)).contains("Input Us");
        assertThat(d.text(UartId.MANUFACTURE_DATE)).contains("2204");
        assertThat(d.text(UartId.SOFTWARE_VERSION)).contains("10.XW_S10.07___");
        assertThat(d.text(UartId.MANUFACTURER)).contains("Input UserdaJK-B2A24S15P");
    }

    @Test
    void carriesEveryReadableIdentifierInCodeOrder() throws CodecException {
        UartData d = UartData.parse(UartFrame.decode(vector).body());
        List<UartId> readable = Arrays.stream(UartId.values()).filter(UartId::readable).toList();
        assertThat(d.values()).extracting(UartValue::id).containsExactlyElementsOf(readable);
    }

    @Test
    void reEncodingTheDecodedValuesGivesTheIdenticalFrame() throws CodecException {
        UartFrame f = UartFrame.decode(vector);
        UartData d = UartData.parse(f.body());
        UartData rebuilt = UartData.of(List.copyOf(d.values()));
        byte[] again = UartFrame.reply(UartCommand.READ_ALL, rebuilt.encode()).encode();
        assertThat(Hex.of(again)).isEqualTo(Hex.of(vector));
        assertThat(f.encode()).isEqualTo(vector);
    }

    /** The twin, given the captured board's state, answers with the captured bytes. */
    @Test
    void theTwinInTheCapturedStateRepliesWithTheCapturedFrame() throws CodecException {
        UartData captured = UartData.parse(UartFrame.decode(vector).body());
        SettingsPatch patch = captured.toSettingsPatch();
        assertThat(patch.values()).containsEntry(CELL_COUNT, 13).containsEntry(CAPACITY_mAh, 5_000)
                .containsEntry(DISCHARGE_OTP_dC, 700).containsEntry(DEVICE_ADDRESS, 1);
        Settings settings = Presets.forChemistry(Chemistry.LFP).with(patch);
        Telemetry t = telemetry().cells(CELLS_mV).pack_mV(53_130).current_mA(0).soc(94)
                .mos(ok(220)).temperatures(ok(190), ok(194)).mosfets(false, false).balancing(true)
                .cycles(0).cycleCapacity_mAh(0).runtime_s(59).fullCapacity_mAh(999).build();

        byte[] reply = UartReplies.readAllFrame(t, settings, UartDevice.CAPTURED).encode();

        assertThat(Hex.of(reply)).isEqualTo(Hex.of(vector));
        assertThat(settings.get(SettingKey.BATTERY_TYPE)).isEqualTo(Chemistry.NCM.ordinal());
    }
}
