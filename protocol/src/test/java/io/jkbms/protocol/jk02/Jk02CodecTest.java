package io.jkbms.protocol.jk02;

import io.jkbms.protocol.CodecException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.jkbms.protocol.jk02.Jk02Layout.JK02_24S;
import static io.jkbms.protocol.jk02.Jk02Layout.JK02_32S;
import static io.jkbms.protocol.jk02.Jk02Samples.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frame validation, encoder strictness and encode → decode round trips of arbitrary records in both layouts. */
class Jk02CodecTest {

    // ---- validation: only CodecException, with a precise message ----

    @Test
    void aWrongLengthIsRefusedWithTheLength() {
        assertThatThrownBy(() -> Jk02Codec.decode(new byte[299], JK02_24S))
                .isInstanceOf(CodecException.class).hasMessage("a JK02 frame is 300 bytes, got 299");
        byte[] glued = Arrays.copyOf(vector("CELL_INFO_JK02_24S_V10.hex"), 320);
        assertThatThrownBy(() -> Jk02Codec.decode(glued, JK02_24S))
                .isInstanceOf(CodecException.class).hasMessageContaining("got 320").hasMessageContaining("Jk02Reassembler");
        assertThatThrownBy(() -> Jk02Codec.decode(null, JK02_24S)).isInstanceOf(CodecException.class);
    }

    @Test
    void aWrongHeaderNamesTheOffsetAndBothBytes() {
        byte[] f = vector("CELL_INFO_JK02_24S_V10.hex");
        f[2] = 0x00;
        assertThatThrownBy(() -> Jk02Codec.decode(f, JK02_24S)).isInstanceOf(CodecException.class)
                .hasMessage("bad header at offset 2: expected EB, got 00 (a frame starts 55 AA EB 90)");
    }

    @Test
    void aBadChecksumNamesBothSums() {
        byte[] f = vector("SETTINGS_JK02_32S_V15.hex");
        f[100]++;
        assertThatThrownBy(() -> Jk02Codec.decode(f, JK02_32S)).isInstanceOf(CodecException.class)
                .hasMessage("checksum mismatch at offset 299: the frame carries 37, bytes 0..298 sum to 38");
    }

    @Test
    void unknownAndLogbookTypesAreRefusedAfterTheChecksum() {
        byte[] f = vector("SETTINGS_JK02_32S_V15.hex");
        f[4] = 0x07;
        Jk02Samples.fixFrameChecksum(f);
        assertThatThrownBy(() -> Jk02Codec.decode(f, JK02_32S)).isInstanceOf(CodecException.class)
                .hasMessageStartingWith("unknown frame type 0x07 at offset 4");
        f[4] = 0x05;
        Jk02Samples.fixFrameChecksum(f);
        assertThatThrownBy(() -> Jk02Codec.decode(f, JK02_32S)).isInstanceOf(CodecException.class)
                .hasMessage("frame type 0x05 (logbook) at offset 4 is not decoded");
    }

    @Test
    void theLayoutIsReadFromADeviceInfoFrameOnly() {
        assertThatThrownBy(() -> Jk02Codec.layoutOf(vector("CELL_INFO_JK02_32S_V15.hex")))
                .isInstanceOf(CodecException.class).hasMessageContaining("device-info frame (type 0x03), not type 0x02");
    }

    @Test
    void layoutFromSoftwareVersion() {
        assertThat(Jk02Layout.forSoftwareVersion("10.07")).isEqualTo(JK02_24S);
        assertThat(Jk02Layout.forSoftwareVersion("8.06G")).isEqualTo(JK02_24S);
        assertThat(Jk02Layout.forSoftwareVersion("10.XW_S10.07")).isEqualTo(JK02_24S);
        assertThat(Jk02Layout.forSoftwareVersion("11.21h")).isEqualTo(JK02_32S);
        assertThat(Jk02Layout.forSoftwareVersion("15.38")).isEqualTo(JK02_32S);
        assertThat(Jk02Layout.forSoftwareVersion("V19.05")).isEqualTo(JK02_32S);
        // Unreadable: 32S, the layout of every BD4A reported.
        assertThat(Jk02Layout.forSoftwareVersion("")).isEqualTo(JK02_32S);
        assertThat(Jk02Layout.forSoftwareVersion("abc")).isEqualTo(JK02_32S);
        assertThat(Jk02Layout.softwareMajor("abc")).isEmpty();
        assertThat(Jk02Layout.softwareMajor(" 11.27")).hasValue(11);
    }

    // ---- encoder ----

    @Test
    void encodingWritesHeaderTypeCounterAndChecksum() throws Exception {
        Jk02CellInfo c = (Jk02CellInfo) Jk02Codec.decode(vector("CELL_INFO_JK02_32S_V15.hex"), JK02_32S);
        byte[] f = Jk02Codec.encode(c, JK02_32S, 0x42);
        assertThat(f).hasSize(300).startsWith(0x55, 0xAA, 0xEB, 0x90, 0x02, 0x42);
        assertThat(f[299] & 0xFF).isEqualTo(Jk02Codec.checksum(f));
        assertThat(Jk02Codec.decode(f, JK02_32S)).isEqualTo(c.withCounter(0x42));
    }

    @Test
    void aFrameIsNotReshapedIntoTheOtherLayout() throws Exception {
        Jk02Frame s = Jk02Codec.decode(vector("SETTINGS_JK02_24S_V10.hex"), JK02_24S);
        assertThatThrownBy(() -> Jk02Codec.encode(s, JK02_32S, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JK02_24S frame cannot be encoded as JK02_32S");
        assertThatThrownBy(() -> Jk02Codec.encode(s, JK02_24S, 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counter = 256");
    }

    @Test
    void recordsRefuseValuesTheirWireFieldsCannotHold() {
        assertThatThrownBy(() -> Jk02CellInfo.builder(JK02_24S).soc_pct(256).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soc_pct = 256");
        assertThatThrownBy(() -> Jk02CellInfo.builder(JK02_24S).errors(1L << 16).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16-bit 24S field");
        assertThatThrownBy(() -> Jk02CellInfo.builder(JK02_24S).cell_mV(Collections.nCopies(25, 3300)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jk02CellInfo.builder(JK02_24S).only32S(Jk02CellInfo.Extra32S.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jk02Settings.builder(JK02_24S).set(Jk02Register.CHARGE_UTP, 1L << 31).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CHARGE_UTP");
        assertThatThrownBy(() -> Jk02Settings.builder(JK02_24S).set(Jk02Register.CELL_OVP, -1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CELL_OVP");
        assertThatThrownBy(() -> new Jk02DeviceInfo(JK02_24S, 0, "x".repeat(17), "", "", 0, 0, "", "", "", "", "", "", "",
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16-byte field");
        assertThatThrownBy(() -> new Jk02DeviceInfo(JK02_32S, 0, "a\0b", "", "", 0, 0, "", "", "", "", "", "", "",
                Optional.of(Jk02DeviceInfo.Extra32S.ZERO))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Jk02DeviceInfo(JK02_32S, 0, "", "", "", 0, 0, "", "", "", "", "", "", "",
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32S fields");
    }

    @Test
    void absentTemperaturesReadAsEmpty() {
        Jk02CellInfo c = Jk02CellInfo.builder(JK02_32S).t1_dC(-55).build();
        assertThat(c.temperature_dC(1)).contains(-55);
        assertThat(c.temperature_dC(2)).isEmpty();
        assertThat(c.temperature_dC(5)).isEmpty();
        assertThat(c.t2_dC()).isEqualTo(Jk02CellInfo.NO_SENSOR_dC);
        assertThatThrownBy(() -> c.temperature_dC(6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongFieldRoundTripsAtItsUnsignedMaximum() throws Exception {
        Jk02CellInfo c = Jk02CellInfo.builder(JK02_24S).packVoltage_mV(0xFFFF_FFFFL).current_mA(Integer.MIN_VALUE)
                .runtime_s(0xFFFF_FFFFL).build();
        Jk02CellInfo back = (Jk02CellInfo) Jk02Codec.decode(Jk02Codec.encode(c), JK02_24S);
        assertThat(back.packVoltage_mV()).isEqualTo(0xFFFF_FFFFL);
        assertThat(back.current_mA()).isEqualTo(Integer.MIN_VALUE);
        assertThat(back).isEqualTo(c);
    }

    // ---- properties: every field survives encode → decode, in both layouts ----

    @Provide
    Arbitrary<Jk02Frame> frames() {
        return Arbitraries.of(Jk02Layout.class).flatMap(l -> Arbitraries.randomValue(r -> Jk02Samples.frame(r, l)));
    }

    @Provide
    Arbitrary<Jk02CellInfo> cellInfos() {
        return Arbitraries.of(Jk02Layout.class).flatMap(l -> Arbitraries.randomValue(r -> Jk02Samples.cellInfo(r, l)));
    }

    @Property(tries = 1500)
    void anyFrameRoundTrips(@ForAll("frames") Jk02Frame f) throws Exception {
        byte[] bytes = Jk02Codec.encode(f);
        assertThat(bytes).hasSize(300);
        Jk02Frame back = Jk02Codec.decode(bytes, f.layout());
        assertThat(back).isEqualTo(f);
        // And the bytes are a fixed point: encoding what was decoded gives the same frame.
        assertThat(Jk02Codec.encode(back)).isEqualTo(bytes);
    }

    @Property(tries = 500)
    void aCellFrameRoundTripsUnderAnyCounter(@ForAll("cellInfos") Jk02CellInfo c, @ForAll byte counter) throws Exception {
        int n = counter & 0xFF;
        byte[] bytes = Jk02Codec.encode(c, c.layout(), n);
        assertThat(bytes[5] & 0xFF).isEqualTo(n);
        Jk02CellInfo back = (Jk02CellInfo) Jk02Codec.decode(bytes, c.layout());
        assertThat(back.counter()).isEqualTo(n);
        assertThat(back.withCounter(c.counter())).isEqualTo(c);
        assertThat(back.cell_mV()).hasSize(c.layout().cellSlots());
    }

    @Property(tries = 300)
    void flippingAnyBitOfAFrameIsCaughtByTheChecksum(@ForAll("frames") Jk02Frame f, @ForAll byte where, @ForAll byte bit) {
        byte[] bytes = Jk02Codec.encode(f);
        int i = 4 + Math.floorMod(where, 295);
        bytes[i] ^= (byte) (1 << Math.floorMod(bit, 8));
        assertThatThrownBy(() -> Jk02Codec.decode(bytes, f.layout())).isInstanceOf(CodecException.class);
    }

    @Test
    void aDeviceFrameDecodedInTheWrongLayoutStillDecodes() throws Exception {
        // The frame has no layout flag: decoding it either way works; only the 32S extras differ.
        byte[] raw = vector("DEVICE_INFO_JK02_24S_V10.hex");
        Jk02DeviceInfo as32 = (Jk02DeviceInfo) Jk02Codec.decode(raw, JK02_32S);
        Jk02DeviceInfo as24 = (Jk02DeviceInfo) Jk02Codec.decode(raw, JK02_24S);
        assertThat(as32.model()).isEqualTo(as24.model());
        assertThat(as32.only32S()).contains(Jk02DeviceInfo.Extra32S.ZERO);
        assertThat(List.of(as24.layout(), as32.layout())).containsExactly(JK02_24S, JK02_32S);
    }
}
