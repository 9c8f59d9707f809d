package io.jkbms.protocol.uart;

import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Received writes, turned into setting changes, commands or device parameters. */
class UartWritesTest {

    private static UartWriteAction write(UartId id, long raw) {
        return UartWrites.interpret(new UartValue.Num(id, raw));
    }

    @Test
    void theDocumentedWriteTurnsTheChargeMosOn() throws CodecException {
        UartRequest r = UartRequest.decode(UartFrame.decode(Hex.parse("4E57001400000000020200AB010000000068000001D1")));
        UartWriteAction a = UartWrites.interpret(((UartRequest.Write) r).value());
        assertThat(a).isEqualTo(new UartWriteAction.Command(UartId.CHARGE_SWITCH, UartCommandKind.CHARGE_SWITCH, 1,
                SettingsPatch.of(SettingKey.CHARGE_ENABLED, 1)));
    }

    @Test
    void switchesAndActions() {
        assertThat(write(UartId.DISCHARGE_SWITCH, 0)).isEqualTo(new UartWriteAction.Command(UartId.DISCHARGE_SWITCH,
                UartCommandKind.DISCHARGE_SWITCH, 0, SettingsPatch.of(SettingKey.DISCHARGE_ENABLED, 0)));
        assertThat(write(UartId.BALANCER_SWITCH, 1)).isEqualTo(new UartWriteAction.Command(UartId.BALANCER_SWITCH,
                UartCommandKind.BALANCER_SWITCH, 1, SettingsPatch.of(SettingKey.BALANCE_ENABLED, 1)));
        assertThat(write(UartId.CHARGE_SWITCH, 2)).isInstanceOf(UartWriteAction.Rejected.class);
        UartWriteAction restart = write(UartId.RESTART, 1);
        assertThat(restart).isInstanceOfSatisfying(UartWriteAction.Command.class, c -> {
            assertThat(c.kind()).isEqualTo(UartCommandKind.RESTART);
            assertThat(c.settingsEffect().isEmpty()).isTrue();
        });
        assertThat(((UartWriteAction.Command) write(UartId.FACTORY_RESET, 1)).kind()).isEqualTo(UartCommandKind.FACTORY_RESET);
        assertThat(((UartWriteAction.Command) write(UartId.UPGRADE, 1)).kind()).isEqualTo(UartCommandKind.UPGRADE);
        assertThat(((UartWriteAction.Command) write(UartId.START_CURRENT_CALIBRATION, 1)).kind())
                .isEqualTo(UartCommandKind.START_CURRENT_CALIBRATION);
    }

    @Test
    void settingsAreScaledToStoredUnits() {
        assertThat(write(UartId.CAPACITY, 280)).isEqualTo(
                new UartWriteAction.SettingChange(UartId.CAPACITY, SettingsPatch.of(SettingKey.CAPACITY_mAh, 280_000)));
        assertThat(write(UartId.CHARGE_OCP, 50)).isEqualTo(
                new UartWriteAction.SettingChange(UartId.CHARGE_OCP, SettingsPatch.of(SettingKey.CHARGE_OCP_mA, 50_000)));
        assertThat(write(UartId.CELL_OVP, 3_650)).isEqualTo(
                new UartWriteAction.SettingChange(UartId.CELL_OVP, SettingsPatch.of(SettingKey.CELL_OVP_mV, 3_650)));
        assertThat(write(UartId.MOS_OTP, 80)).isEqualTo(
                new UartWriteAction.SettingChange(UartId.MOS_OTP, SettingsPatch.of(SettingKey.MOS_OTP_dC, 800)));
        assertThat(write(UartId.DISCHARGE_UTP, -15)).isEqualTo(new UartWriteAction.SettingChange(UartId.DISCHARGE_UTP,
                SettingsPatch.of(SettingKey.DISCHARGE_UTP_dC, -150)));
        assertThat(write(UartId.BATTERY_TYPE, 0)).isEqualTo(new UartWriteAction.SettingChange(UartId.BATTERY_TYPE,
                SettingsPatch.of(SettingKey.BATTERY_TYPE, Chemistry.LFP.ordinal())));
        assertThat(write(UartId.BATTERY_TYPE, 9)).isInstanceOfSatisfying(UartWriteAction.Rejected.class,
                r -> assertThat(r.reason()).contains("0 LFP, 1 ternary, 2 LTO"));
    }

    @Test
    void jkOnlyParametersGoToTheDevice() {
        UartWriteAction a = write(UartId.SLEEP_WAIT, 30);
        assertThat(a).isInstanceOf(UartWriteAction.DeviceParameter.class);
        UartDevice d = UartDevice.CAPTURED.with(((UartWriteAction.DeviceParameter) a).value());
        assertThat(d.sleepWait_s()).isEqualTo(30);
        assertThat(d.with(new UartValue.Text(UartId.PASSWORD, "654321")).password()).isEqualTo("654321");
        assertThat(d.with(new UartValue.Num(UartId.GPS_ON_VOLTAGE, 3_100)).gpsOn_mV()).isEqualTo(3_100);
        assertThat(d.with(new UartValue.Num(UartId.DEDICATED_CHARGER, 1)).dedicatedCharger()).isTrue();
        assertThat(d.with(new UartValue.Num(UartId.BOX_OTP, 80)).boxOtp_C()).isEqualTo(80);
    }

    @Test
    void readOnlyDerivedAndFactoryDataAreRejected() {
        assertThat(write(UartId.SOC, 50)).isInstanceOfSatisfying(UartWriteAction.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("0x85 SOC (state of charge) is read-only"));
        assertThat(write(UartId.PACK_OVP, 5_000)).isInstanceOf(UartWriteAction.Rejected.class);
        assertThat(UartWrites.interpret(new UartValue.Text(UartId.SOFTWARE_VERSION, "x")))
                .isInstanceOf(UartWriteAction.Rejected.class);
        assertThat(write(UartId.RUNTIME, 1)).isInstanceOf(UartWriteAction.Rejected.class);
        assertThat(UartWrites.interpret(UartValue.cells(3300))).isInstanceOf(UartWriteAction.Rejected.class);
    }

    /** Every identifier gets an answer of the kind its access and mapping call for. */
    @ParameterizedTest
    @EnumSource(UartId.class)
    void everyIdentifierIsHandled(UartId id) {
        UartValue v = id.encoding() == UartEncoding.TEXT ? new UartValue.Text(id, "1")
                : id.encoding() == UartEncoding.CELL_LIST ? UartValue.cells(3300) : new UartValue.Num(id, 1);
        UartWriteAction a = UartWrites.interpret(v);
        assertThat(a.id()).isEqualTo(id);
        if (!id.writable()) {
            assertThat(a).isInstanceOf(UartWriteAction.Rejected.class);
        } else if (UartDevice.holds(id)) {
            assertThat(a).isInstanceOf(UartWriteAction.DeviceParameter.class);
            assertThat(UartDevice.CAPTURED.with(v)).isNotNull();
        } else if (id.setting().isPresent() && !(a instanceof UartWriteAction.Command)) {
            assertThat(a).isInstanceOfSatisfying(UartWriteAction.SettingChange.class,
                    c -> assertThat(c.patch().values()).containsOnlyKeys(id.setting().get()));
        }
    }
}
