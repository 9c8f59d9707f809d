package io.jkbms.protocol.uart;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body parser's checks and the identifier table. */
class UartDataTest {

    private static UartData parse(String hex) throws CodecException {
        return UartData.parse(Hex.parse(hex));
    }

    @Test
    void everyIdentifierOfTheTableIsThere() {
        assertThat(UartId.values()).hasSize(64);
        assertThat(Arrays.stream(UartId.values()).map(UartId::code)).doesNotHaveDuplicates();
        for (int code = 0x79; code <= 0xC0; code++) {
            boolean documented = code == 0x79 || code >= 0x80 && code <= 0xC0 && code != 0x88 && code != 0x8D;
            assertThat(UartId.ofCode(code).isPresent()).as("0x%02X", code).isEqualTo(documented);
        }
        assertThat(UartId.ofCode(-1)).isEmpty();
        assertThat(UartId.ofCode(256)).isEmpty();
    }

    @Test
    void widthsAndEncodingsFollowTheTable() {
        assertThat(UartId.CURRENT.width()).isEqualTo(2);
        assertThat(UartId.CYCLE_CAPACITY.encoding()).isEqualTo(UartEncoding.U32);
        assertThat(UartId.CHARGE_UTP.encoding()).isEqualTo(UartEncoding.I16);
        assertThat(UartId.DISCHARGE_UTPR.encoding()).isEqualTo(UartEncoding.I16);
        assertThat(UartId.MOS_OTP.encoding()).isEqualTo(UartEncoding.U16);
        assertThat(UartId.MANUFACTURER.width()).isEqualTo(24);
        assertThat(UartId.SOFTWARE_VERSION.width()).isEqualTo(15);
        assertThat(UartId.PASSWORD.width()).isEqualTo(10);
        assertThat(UartId.RESTART.readable()).isFalse();
        assertThat(UartId.GPS_ON_VOLTAGE.access()).isEqualTo(UartId.Access.WRITE_ONLY);
        assertThat(UartId.SOC.writable()).isFalse();
    }

    @Test
    void settingConversionsUseTheWireUnits() {
        assertThat(UartId.CELL_OVP.settingValue(4_200)).hasValue(4_200);
        assertThat(UartId.DISCHARGE_OCP.settingValue(150)).hasValue(150_000);
        assertThat(UartId.CAPACITY.settingValue(5)).hasValue(5_000);
        assertThat(UartId.CAPACITY.settingValue(0xFFFF_FFFFL)).isEmpty();
        assertThat(UartId.MOS_OTP.settingValue(90)).hasValue(900);
        assertThat(UartId.CHARGE_UTP.settingValue(-20)).hasValue(-200);
        assertThat(UartId.BATTERY_TYPE.settingValue(0)).hasValue(io.jkbms.core.board.Chemistry.LFP.ordinal());
        assertThat(UartId.BATTERY_TYPE.settingValue(3)).isEmpty();
        assertThat(UartId.SLEEP_WAIT.settingValue(10)).isEmpty();
        assertThat(UartId.CHARGE_OCP.rawFromSetting(25_499)).isEqualTo(25);
        assertThat(UartId.CHARGE_OCP.rawFromSetting(25_500)).isEqualTo(26);
        assertThat(UartId.CHARGE_UTP.rawFromSetting(-205)).isEqualTo(-21);
        assertThat(UartId.CHARGE_UTP.rawFromSetting(-204)).isEqualTo(-20);
        assertThat(UartId.MOS_OTP.rawFromSetting(-50)).isZero(); // u16 on the wire: clamped
        assertThat(UartId.CELL_COUNT_SETTING.rawFromSetting(300)).isEqualTo(255);
        assertThat(UartId.forSetting(SettingKey.CELL_OVP_mV)).contains(UartId.CELL_OVP);
        assertThat(UartId.forSetting(SettingKey.HEATING_ENABLED)).isEmpty();
        assertThatThrownBy(() -> UartId.SOC.rawFromSetting(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReadOneReplyCarriesOneIdentifier() throws CodecException {
        UartData d = parse("9B0CE4");
        assertThat(d.values()).containsExactly(new UartValue.Num(UartId.BALANCE_START, 3_300));
        assertThat(d.setting(SettingKey.BALANCE_START_mV)).hasValue(3_300);
        assertThat(d.cell_mV()).isEmpty();
        assertThat(d.soc_pct()).isEmpty();
        assertThat(d.protocolVersion()).isEmpty();
    }

    @Test
    void cellNumbersAreKeptAsSent() throws CodecException {
        UartData d = parse("7906020FA0010FA1");
        assertThat(d.cells()).containsExactly(new UartValue.Cell(2, 4000), new UartValue.Cell(1, 4001));
        assertThat(Hex.of(d.encode())).isEqualTo("7906020FA0010FA1");
        assertThat(parse("7900").cells()).isEmpty();
    }

    @Test
    void negativeSettingsAndText() throws CodecException {
        UartData d = parse("A5FFECB231320000000000000000");
        assertThat(d.setting(SettingKey.CHARGE_UTP_dC)).hasValue(-200);
        assertThat(d.text(UartId.PASSWORD)).contains("12");
        assertThat(Hex.of(d.encode())).isEqualTo("A5FFECB231320000000000000000");
    }

    @Test
    void malformedBodies() {
        assertThatThrownBy(() -> parse("85")).isInstanceOf(CodecException.class)
                .hasMessage("0x85 SOC at body offset 0 needs 1 data bytes, only 0 left");
        assertThatThrownBy(() -> parse("855E8314")).hasMessage("0x83 PACK_VOLTAGE at body offset 2 needs 2 data bytes, only 1 left");
        assertThatThrownBy(() -> parse("855E88")).hasMessage("unknown identifier 0x88 at body offset 2");
        assertThatThrownBy(() -> parse("855E855E")).hasMessage("identifier 0x85 SOC repeated at body offset 2");
        assertThatThrownBy(() -> parse("79")).hasMessage("0x79 CELL_VOLTAGES at body offset 0 has no length byte");
        assertThatThrownBy(() -> parse("7904010FA0")).hasMessage("0x79 CELL_VOLTAGES at body offset 0: length byte 4 is not a multiple of 3");
        assertThatThrownBy(() -> parse("7906010FA0")).hasMessage("0x79 CELL_VOLTAGES at body offset 0 needs 6 data bytes, only 3 left");
    }

    @Test
    void valuesAreCheckedWhenMade() {
        assertThatThrownBy(() -> new UartValue.Num(UartId.SOC, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartValue.Num(UartId.CHARGE_UTP, 40_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartValue.Num(UartId.PASSWORD, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartValue.Text(UartId.DEVICE_ID, "123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartValue.Text(UartId.DEVICE_ID, "ab\0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UartValue.Text(UartId.DEVICE_ID, "\u20AC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UartValue.temperature(UartId.SOC, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UartData.of(UartValue.cells(1), UartValue.cells(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UartData.of().temperature_C(UartId.SOC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UartValue.cells(new int[86])).isInstanceOf(IllegalArgumentException.class);
        assertThat(UartValue.cells(new int[85]).dataLength()).isEqualTo(256);
    }

    @Test
    void theValueListIsImmutable() {
        UartData d = UartData.of(List.of(new UartValue.Num(UartId.SOC, 5)));
        assertThatThrownBy(() -> d.values().add(new UartValue.Num(UartId.CYCLES, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
