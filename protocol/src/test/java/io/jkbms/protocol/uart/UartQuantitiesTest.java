package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import org.junit.jupiter.api.Test;

import static io.jkbms.protocol.uart.UartQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The special encodings of protocols.md §2.3, at their documented points. */
class UartQuantitiesTest {

    @Test
    void temperaturesAsRealDevicesSendThem() {
        assertThat(temperature_C(0)).isZero();
        assertThat(temperature_C(22)).isEqualTo(22);
        assertThat(temperature_C(99)).isEqualTo(99);
        assertThat(temperature_C(100)).isEqualTo(-1);   // not the PDF's 101
        assertThat(temperature_C(101)).isEqualTo(-2);
        assertThat(temperature_C(139)).isEqualTo(-40);
        assertThat(temperatureRaw(-1)).isEqualTo(100);
        assertThat(temperatureRaw(-40)).isEqualTo(139);
        assertThat(temperatureRaw(0)).isZero();
        assertThat(temperatureRaw(99)).isEqualTo(99);
        assertThatThrownBy(() -> temperatureRaw(100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clampTemperature_C(120)).isEqualTo(99);
    }

    @Test
    void signedCurrentOfProtocolVersion1() {
        assertThat(current_mA(0x87D0, 1)).isEqualTo(20_000);   // charge 20 A
        assertThat(current_mA(0x07D0, 1)).isEqualTo(-20_000);  // discharge 20 A
        assertThat(currentRaw(20_000, 1)).isEqualTo(0x87D0);
        assertThat(currentRaw(-20_000, 1)).isEqualTo(0x07D0);
        assertThat(currentRaw(0, 1)).isZero();
        assertThat(current_mA(0x8000, 1)).isZero();
        assertThat(currentRaw(4, 1)).isZero();
        assertThat(currentRaw(5, 1)).isEqualTo(0x8001);
        assertThat(currentRaw(-5, 1)).isEqualTo(0x0001);
        assertThat(currentRaw(MAX_SIGNED_CURRENT_mA, 1)).isEqualTo(0xFFFF);
        assertThatThrownBy(() -> currentRaw(MAX_SIGNED_CURRENT_mA + 10, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void legacyCurrentWithoutTheSignBit() {
        assertThat(current_mA(0x2710, 0)).isZero();              // 10000 = 0 A
        assertThat(current_mA(9_000, 0)).isEqualTo(10_000);
        assertThat(current_mA(11_000, 0)).isEqualTo(-10_000);
        assertThat(currentRaw(0, 0)).isEqualTo(10_000);
        assertThat(currentRaw(MAX_LEGACY_CURRENT_mA, 0)).isZero();
        assertThat(currentRaw(MIN_LEGACY_CURRENT_mA, 0)).isEqualTo(0xFFFF);
        assertThatThrownBy(() -> currentRaw(MAX_LEGACY_CURRENT_mA + 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDataReadsCurrentWithItsOwnProtocolVersion() throws CodecException {
        UartData v1 = UartData.parse(UartData.of(new UartValue.Num(UartId.CURRENT, 0x87D0),
                new UartValue.Num(UartId.PROTOCOL_VERSION, 1)).encode());
        assertThat(v1.current_mA()).hasValue(20_000);
        UartData old = UartData.of(new UartValue.Num(UartId.CURRENT, 0x2710));
        assertThat(old.current_mA()).hasValue(0);
        assertThat(old.current_mA(1)).hasValue(-100_000);
        assertThat(UartData.of().current_mA()).isEmpty();
    }
}
