package io.jkbms.protocol.jk02;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static io.jkbms.protocol.jk02.Jk02Layout.JK02_24S;
import static io.jkbms.protocol.jk02.Jk02Layout.JK02_32S;
import static io.jkbms.protocol.jk02.Jk02Samples.vector;
import static org.assertj.core.api.Assertions.assertThat;

/** The real captured frames (vectors/, protocols.md §4) decode to exactly the values listed there, and re-encode. */
class Jk02VectorTest {

    @Test
    void theVectorFolderResolvesFromTheModuleDirectory() {
        assertThat(Files.isDirectory(Jk02Samples.VECTORS))
                .as("%s (absolute %s) must be the shared vectors folder", Jk02Samples.VECTORS,
                        Jk02Samples.VECTORS.toAbsolutePath().normalize())
                .isTrue();
        for (String f : Jk02Samples.VECTOR_FILES) {
            assertThat(vector(f)).as(f).hasSize(300);
        }
    }

    @Test
    void deviceInfo24S() throws Exception {
        byte[] raw = vector("DEVICE_INFO_JK02_24S_V10.hex");
        assertThat(Jk02Codec.layoutOf(raw)).isEqualTo(JK02_24S);
        Jk02DeviceInfo d = (Jk02DeviceInfo) Jk02Codec.decode(raw, JK02_24S);
        assertThat(d.model()).isEqualTo("JK-B2A24S20P");
        assertThat(d.hardwareVersion()).isEqualTo("10.XG");
        assertThat(d.softwareVersion()).isEqualTo("10.07");
        assertThat(d.uptime_s()).isEqualTo(269_100);
        assertThat(d.powerOnCount()).isEqualTo(1);
        assertThat(d.blePasscode()).isEqualTo("1234");
        assertThat(d.manufactureDate()).isEqualTo("220511");
        assertThat(d.serialNumber()).isEqualTo("2041803028");
        // Not in §4's table, but plainly in the frame.
        assertThat(d.name()).isEqualTo("JK-B2A24S20P");
        assertThat(d.passcode()).isEqualTo("0000");
        assertThat(d.userData()).isEqualTo("Input Userdata");
        assertThat(d.setupPasscode()).isEqualTo("123456");
        assertThat(d.counter()).isEqualTo(0xFC);
        assertThat(d.only32S()).isEmpty();
    }

    @Test
    void cellInfo24S() throws Exception {
        Jk02CellInfo c = (Jk02CellInfo) Jk02Codec.decode(vector("CELL_INFO_JK02_24S_V10.hex"), JK02_24S);
        assertThat(c.cell_mV()).containsExactly(3284, 3280, 3279, 3280, 3280, 3279, 3279, 3281, 3280, 3279, 3280, 3279,
                3282, 3284, 3279, 3279, 3280, 3279, 3281, 3282, 3282, 3282, 3285, 3281);
        assertThat(c.packVoltage_mV()).isEqualTo(78_735);
        assertThat(c.current_mA()).isZero();
        assertThat(c.power_mW()).isZero();
        assertThat(c.t1_dC()).isEqualTo(207);
        assertThat(c.t2_dC()).isEqualTo(207);
        assertThat(c.mosTemperature_dC()).isEqualTo(234);
        assertThat(c.soc_pct()).isEqualTo(85);
        assertThat(c.remaining_mAh()).isEqualTo(42_804);
        assertThat(c.nominalCapacity_mAh()).isEqualTo(50_000);
        assertThat(c.cycles()).isZero();
        assertThat(c.runtime_s()).isEqualTo(269_340);
        assertThat(c.chargeMosOn()).isTrue();
        assertThat(c.dischargeMosOn()).isFalse();
        // Structure around the listed values.
        assertThat(c.enabledCellMask()).isEqualTo(0x00FF_FFFFL);
        assertThat(c.enabledCells()).isEqualTo(24);
        assertThat(c.average_mV()).isEqualTo(3281);
        assertThat(c.delta_mV()).isEqualTo(5);
        assertThat(c.errors()).isZero();
        assertThat(c.soh_pct()).isEqualTo(100);
        assertThat(c.temperatureSensorMask()).isEqualTo(0x0007);
        assertThat(c.only24S()).contains(new Jk02CellInfo.Extra24S(0, 0x0685));
        assertThat(c.only32S()).isEmpty();
        assertThat(c.temperature_dC(0)).contains(234);
        assertThat(c.temperature_dC(3)).isEmpty();
    }

    @Test
    void settings24S() throws Exception {
        Jk02Settings s = (Jk02Settings) Jk02Codec.decode(vector("SETTINGS_JK02_24S_V10.hex"), JK02_24S);
        assertThat(s.cellUvp_mV()).isEqualTo(2600);
        assertThat(s.cellUvpr_mV()).isEqualTo(2680);
        assertThat(s.cellOvp_mV()).isEqualTo(3550);
        assertThat(s.cellOvpr_mV()).isEqualTo(3400);
        assertThat(s.balanceTrigger_mV()).isEqualTo(5);
        assertThat(s.powerOff_mV()).isEqualTo(2550);
        assertThat(s.chargeOcp_mA()).isEqualTo(50_000);
        assertThat(s.chargeOcpDelay_s()).isEqualTo(30);
        assertThat(s.chargeOcpRecovery_s()).isEqualTo(60);
        assertThat(s.dischargeOcp_mA()).isEqualTo(180_000);
        assertThat(s.dischargeOcpDelay_s()).isEqualTo(300);
        assertThat(s.dischargeOcpRecovery_s()).isEqualTo(60);
        assertThat(s.scpRecovery_s()).isEqualTo(60);
        assertThat(s.balanceMax_mA()).isEqualTo(700);
        assertThat(s.chargeOtp_dC()).isEqualTo(600);
        assertThat(s.chargeOtpr_dC()).isEqualTo(500);
        assertThat(s.dischargeOtp_dC()).isEqualTo(600);
        assertThat(s.dischargeOtpr_dC()).isEqualTo(550);
        assertThat(s.chargeUtp_dC()).isEqualTo(0);
        assertThat(s.chargeUtpr_dC()).isEqualTo(10);
        assertThat(s.mosOtp_dC()).isEqualTo(900);
        assertThat(s.mosOtpr_dC()).isEqualTo(700);
        assertThat(s.cellCount()).isEqualTo(24);
        assertThat(s.chargeSwitch()).isEqualTo(1);
        assertThat(s.dischargeSwitch()).isEqualTo(0);
        assertThat(s.balancerSwitch()).isEqualTo(0);
        assertThat(s.capacity_mAh()).isEqualTo(50_000);
        assertThat(s.scpDelay_us()).isEqualTo(1000);
        assertThat(s.balanceStart_mV()).isEqualTo(3000);
        assertThat(s.smartSleep_mV()).isEqualTo(600);
        // This board leaves SOC-100/0 and RCV/RFV unset.
        assertThat(List.of(s.soc100_mV(), s.soc0_mV(), s.rcv_mV(), s.rfv_mV())).containsOnly(0L);
        assertThat(s.wireResistance_mOhm()).hasSize(24).containsOnly(0L);
        assertThat(s.only32S()).isEmpty();
    }

    @Test
    void deviceInfo32S() throws Exception {
        byte[] raw = vector("DEVICE_INFO_JK02_32S_V15.hex");
        assertThat(Jk02Codec.layoutOf(raw)).isEqualTo(JK02_32S);
        Jk02DeviceInfo d = (Jk02DeviceInfo) Jk02Codec.decode(raw, JK02_32S);
        assertThat(d.model()).isEqualTo("JK_PB2A16S15P");
        assertThat(d.hardwareVersion()).isEqualTo("15A");
        assertThat(d.softwareVersion()).isEqualTo("15.38");
        assertThat(d.uptime_s()).isEqualTo(24_529_800);
        assertThat(d.powerOnCount()).isEqualTo(29);
        assertThat(d.name()).isEqualTo("JK_PB2A16new");
        assertThat(d.manufactureDate()).isEqualTo("240516");
        // The serial fills its 11 bytes; the NUL after it is the passcode field's first byte.
        assertThat(d.serialNumber()).isEqualTo("40110480520");
        assertThat(d.passcode()).isEmpty();
        assertThat(d.only32S()).isPresent();
        assertThat(d.only32S().get().rcvTime_dh()).isEqualTo(raw[266] & 0xFF);
    }

    @Test
    void cellInfo32S() throws Exception {
        Jk02CellInfo c = (Jk02CellInfo) Jk02Codec.decode(vector("CELL_INFO_JK02_32S_V15.hex"), JK02_32S);
        List<Integer> cells = new ArrayList<>(List.of(3333, 3326, 3326, 3329, 3329, 3325, 3323, 3329, 3324, 3323, 3326,
                3323, 3320, 3323, 3323, 3337));
        cells.addAll(Collections.nCopies(16, 0));
        assertThat(c.cell_mV()).isEqualTo(cells);
        assertThat(c.enabledCells()).isEqualTo(16);
        assertThat(c.packVoltage_mV()).isEqualTo(53_224);
        assertThat(c.current_mA()).isEqualTo(31_881);
        assertThat(c.t1_dC()).isEqualTo(134);
        assertThat(c.t2_dC()).isEqualTo(128);
        assertThat(c.mosTemperature_dC()).isEqualTo(129);
        assertThat(c.soc_pct()).isEqualTo(25);
        assertThat(c.soh_pct()).isEqualTo(100);
        assertThat(c.remaining_mAh()).isEqualTo(49_286);
        assertThat(c.nominalCapacity_mAh()).isEqualTo(200_000);
        assertThat(c.cycles()).isEqualTo(9);
        assertThat(c.runtime_s()).isEqualTo(24_530_060);
        assertThat(c.chargeMosOn()).isTrue();
        assertThat(c.dischargeMosOn()).isTrue();
        assertThat(c.only32S()).isPresent();
        assertThat(c.only32S().get().heating()).isZero();
        // Power is the unsigned magnitude; V × I gives 1 696 834 mW: the board's figure is sampled a moment apart.
        assertThat(c.power_mW()).isEqualTo(1_696_842);
        assertThat(c.signedPower_mW()).isEqualTo(1_696_834);
        assertThat(c.only24S()).isEmpty();
        assertThat(c.errors()).isZero();
    }

    @Test
    void settings32S() throws Exception {
        Jk02Settings s = (Jk02Settings) Jk02Codec.decode(vector("SETTINGS_JK02_32S_V15.hex"), JK02_32S);
        assertThat(s.cellUvp_mV()).isEqualTo(2800);
        assertThat(s.cellUvpr_mV()).isEqualTo(2999);
        assertThat(s.cellOvp_mV()).isEqualTo(3650);
        assertThat(s.cellOvpr_mV()).isEqualTo(3440);
        assertThat(s.balanceTrigger_mV()).isEqualTo(3);
        assertThat(s.soc100_mV()).isEqualTo(3444);
        assertThat(s.soc0_mV()).isEqualTo(2801);
        assertThat(s.rcv_mV()).isEqualTo(3448);
        assertThat(s.rfv_mV()).isEqualTo(3350);
        assertThat(s.powerOff_mV()).isEqualTo(2500);
        assertThat(s.chargeOcp_mA()).isEqualTo(55_000);
        assertThat(s.chargeOcpDelay_s()).isEqualTo(3);
        assertThat(s.chargeOcpRecovery_s()).isEqualTo(60);
        assertThat(s.dischargeOcp_mA()).isEqualTo(65_000);
        assertThat(s.dischargeOcpDelay_s()).isEqualTo(300);
        assertThat(s.dischargeOcpRecovery_s()).isEqualTo(60);
        assertThat(s.scpRecovery_s()).isEqualTo(5);
        assertThat(s.balanceMax_mA()).isEqualTo(2000);
        assertThat(s.chargeOtp_dC()).isEqualTo(400);
        assertThat(s.chargeOtpr_dC()).isEqualTo(350);
        assertThat(s.dischargeOtp_dC()).isEqualTo(400);
        assertThat(s.dischargeOtpr_dC()).isEqualTo(350);
        assertThat(s.chargeUtp_dC()).isEqualTo(50);
        assertThat(s.chargeUtpr_dC()).isEqualTo(95);
        assertThat(s.mosOtp_dC()).isEqualTo(1000);
        assertThat(s.mosOtpr_dC()).isEqualTo(800);
        assertThat(s.cellCount()).isEqualTo(16);
        assertThat(List.of(s.chargeSwitch(), s.dischargeSwitch(), s.balancerSwitch())).containsOnly(1L);
        assertThat(s.capacity_mAh()).isEqualTo(200_000);
        assertThat(s.scpDelay_us()).isEqualTo(1500);
        assertThat(s.balanceStart_mV()).isEqualTo(3440);
        assertThat(s.smartSleep_mV()).isEqualTo(3500);
        assertThat(s.wireResistance_mOhm()).hasSize(32);
        Jk02Settings.Extra32S e = s.only32S().orElseThrow();
        assertThat(e.controlBits()).isEqualTo(0x0200);
        assertThat(e.control(Jk02Settings.Extra32S.CONTROL_FLOAT_MODE)).isTrue();
        assertThat(e.sleepDelay_h()).isEqualTo(24);
    }

    @Test
    void aNegativeTemperatureRegisterDecodesSigned() throws Exception {
        byte[] raw = vector("SETTINGS_JK02_24S_V10.hex");
        int off = Jk02Register.CHARGE_UTP.settingsFrameOffset();
        raw[off] = (byte) 0x9C;
        raw[off + 1] = raw[off + 2] = raw[off + 3] = (byte) 0xFF;
        Jk02Samples.fixFrameChecksum(raw);
        assertThat(((Jk02Settings) Jk02Codec.decode(raw, JK02_24S)).chargeUtp_dC()).isEqualTo(-100);
    }

    // ---- re-encoding ----

    static List<String> vectorFiles() {
        return List.of(Jk02Samples.VECTOR_FILES);
    }

    /** Decoding the re-encoded frame gives the same record, and the bytes differ only where the format is unknown. */
    @ParameterizedTest
    @MethodSource("vectorFiles")
    void reEncodingGivesAFrameThatDecodesTheSame(String file) throws Exception {
        byte[] raw = vector(file);
        Jk02Layout layout = Jk02Samples.layoutOfFile(file);
        Jk02Frame decoded = Jk02Codec.decode(raw, layout);
        byte[] again = Jk02Codec.encode(decoded, layout, decoded.counter());
        assertThat(Jk02Codec.decode(again, layout)).isEqualTo(decoded);
        Set<Integer> differ = new TreeSet<>();
        for (int i = 0; i < 299; i++) {
            if (raw[i] != again[i]) {
                differ.add(i);
            }
        }
        Set<Integer> allowed = unknownBytes(layout, raw[4]);
        if (raw[4] == Jk02Frame.TYPE_DEVICE_INFO) {
            allowed.addAll(textTails(raw));
        }
        assertThat(differ).as("bytes that differ after re-encoding %s", file).isSubsetOf(allowed);
        assertThat(unknownBytes(layout, raw[4])).as("every unknown byte re-encodes as 0")
                .allSatisfy(i -> assertThat(again[i]).isZero());
    }

    /** Where the format is fully known, the re-encoded frame is the captured one, byte for byte. */
    @ParameterizedTest
    @MethodSource("vectorFiles")
    void reEncodingIsByteIdenticalWhereNothingUnknownIsSet(String file) throws Exception {
        byte[] raw = vector(file);
        Jk02Layout layout = Jk02Samples.layoutOfFile(file);
        byte[] again = Jk02Codec.encode(Jk02Codec.decode(raw, layout));
        boolean unknownAllZero = unknownBytes(layout, raw[4]).stream().allMatch(i -> raw[i] == 0);
        if (unknownAllZero) {
            assertThat(again).isEqualTo(raw);
        } else {
            assertThat(again).isNotEqualTo(raw);
        }
        // Which of the six that is, pinned: the 24S settings and device frames have nothing unknown set.
        boolean expectIdentical = file.startsWith("SETTINGS_JK02_24S") || file.startsWith("DEVICE_INFO_JK02_24S");
        assertThat(unknownAllZero).as(file).isEqualTo(expectIdentical);
    }

    @Test
    void the24SCellFrameKeepsItsBytes168And169AndDropsTheUnknownRest() throws Exception {
        byte[] raw = vector("CELL_INFO_JK02_24S_V10.hex");
        byte[] again = Jk02Codec.encode(Jk02Codec.decode(raw, JK02_24S));
        assertThat(again[168]).isEqualTo(raw[168]);
        assertThat(again[169]).isEqualTo(raw[169]);
        assertThat(again[182]).isEqualTo((byte) 7);
        // Unknown but set in the capture: 184 (01), 188..189 (FA 03) and more.
        assertThat(raw[184]).isEqualTo((byte) 1);
        assertThat(again[184]).isZero();
    }

    /**
     * Byte offsets (0..298) no record field covers, per layout and frame type (protocols.md §1.6, §1.8), plus the
     * bytes after the first NUL of a device text field (a C string ends there).
     */
    static Set<Integer> unknownBytes(Jk02Layout layout, int type) {
        Set<Integer> s = new TreeSet<>();
        boolean is32 = layout == JK02_32S;
        switch (type) {
            case Jk02Frame.TYPE_CELL_INFO:
                if (is32) {
                    add(s, 216, 217); add(s, 220, 235); add(s, 238, 253); add(s, 260, 265); add(s, 268, 274);
                    add(s, 276, 277); add(s, 282, 298);
                } else {
                    add(s, 170, 181); add(s, 184, 298);
                }
                break;
            case Jk02Frame.TYPE_SETTINGS:
                if (is32) {
                    add(s, 278, 281); add(s, 287, 295); add(s, 298, 298);
                } else {
                    add(s, 142, 157); add(s, 254, 298);
                }
                break;
            default:
                add(s, 134, 298);
                if (is32) {
                    s.removeAll(List.of(184, 185, 266, 267));
                }
                break;
        }
        return s;
    }

    /** In each device text field, the bytes after its first NUL: a C string ends there, so they are not kept. */
    static Set<Integer> textTails(byte[] raw) {
        int[][] fields = {{6, 16}, {22, 8}, {30, 8}, {46, 16}, {62, 16}, {78, 8}, {86, 11}, {97, 5}, {102, 16}, {118, 16}};
        Set<Integer> s = new TreeSet<>();
        for (int[] f : fields) {
            int i = f[0];
            while (i < f[0] + f[1] && raw[i] != 0) {
                i++;
            }
            add(s, i + 1, f[0] + f[1] - 1);
        }
        return s;
    }

    private static void add(Set<Integer> s, int from, int to) {
        IntStream.rangeClosed(from, to).forEach(s::add);
    }

    @Test
    void the32SDeviceFramesPasscodeFieldStartsWithANul() throws Exception {
        // The one known field that does not re-encode byte for byte: "\0" "000" "\0" at 97..101 reads as "".
        byte[] raw = vector("DEVICE_INFO_JK02_32S_V15.hex");
        byte[] again = Jk02Codec.encode(Jk02Codec.decode(raw, JK02_32S));
        Set<Integer> knownDiffer = new TreeSet<>();
        Set<Integer> unknown = unknownBytes(JK02_32S, Jk02Frame.TYPE_DEVICE_INFO);
        for (int i = 0; i < 299; i++) {
            if (raw[i] != again[i] && !unknown.contains(i)) {
                knownDiffer.add(i);
            }
        }
        assertThat(knownDiffer).containsExactly(98, 99, 100);
        assertThat(Optional.of(new String(raw, 98, 3, java.nio.charset.StandardCharsets.US_ASCII))).contains("000");
    }
}
