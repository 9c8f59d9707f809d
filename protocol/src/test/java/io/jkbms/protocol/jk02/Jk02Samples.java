package io.jkbms.protocol.jk02;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Test data: the captured vectors and arbitrary valid frames, values biased towards the edges of their fields. */
final class Jk02Samples {
    /**
     * The shared reference vectors, relative to the module directory (surefire's working directory): from
     * /work/main/protocol this is /work/shared/reference/vectors. A copy of the repository elsewhere needs the same
     * neighbour (e.g. a symlink /tmp/shared -> /work/shared for a copy in /tmp/jk02).
     */
    static final Path VECTORS = Path.of("..", "..", "shared", "reference", "vectors");

    static final String[] VECTOR_FILES = {
            "DEVICE_INFO_JK02_24S_V10.hex", "CELL_INFO_JK02_24S_V10.hex", "SETTINGS_JK02_24S_V10.hex",
            "DEVICE_INFO_JK02_32S_V15.hex", "CELL_INFO_JK02_32S_V15.hex", "SETTINGS_JK02_32S_V15.hex"};

    private Jk02Samples() {
    }

    static byte[] vector(String file) {
        Path p = VECTORS.resolve(file);
        try {
            return Hex.parse(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference vector " + p.toAbsolutePath().normalize()
                    + " (the tests expect /work/shared beside the repository)", e);
        } catch (CodecException e) {
            throw new IllegalStateException(p + ": " + e.getMessage(), e);
        }
    }

    static Jk02Layout layoutOfFile(String file) {
        return file.contains("32S") ? Jk02Layout.JK02_32S : Jk02Layout.JK02_24S;
    }

    static List<byte[]> allVectors() {
        List<byte[]> l = new ArrayList<>();
        for (String f : VECTOR_FILES) {
            l.add(vector(f));
        }
        return l;
    }

    // ---- arbitrary values, a third of them at an edge of the field ----

    static long between(RandomGenerator r, long min, long max) {
        int pick = r.nextInt(6);
        if (pick == 0) {
            return min;
        }
        if (pick == 1) {
            return max;
        }
        return min + (long) (r.nextDouble() * ((double) max - min + 1)) ;
    }

    static int u8(RandomGenerator r) {
        return (int) between(r, 0, 0xFF);
    }

    static int s8(RandomGenerator r) {
        return (int) between(r, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    static int u16(RandomGenerator r) {
        return (int) between(r, 0, 0xFFFF);
    }

    static int s16(RandomGenerator r) {
        return (int) between(r, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static long u32(RandomGenerator r) {
        return Math.min(0xFFFF_FFFFL, between(r, 0, 0xFFFF_FFFFL));
    }

    static int s32(RandomGenerator r) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, between(r, Integer.MIN_VALUE, Integer.MAX_VALUE)));
    }

    /** Text of 0..max characters from the non-NUL bytes (what a C-string field can give back). */
    static String text(RandomGenerator r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(3) == 0 ? (char) (1 + r.nextInt(0xFF)) : (char) (' ' + r.nextInt(95)));
        }
        return sb.toString();
    }

    static List<Integer> u16s(RandomGenerator r, int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(u16(r));
        }
        return l;
    }

    // ---- arbitrary frames ----

    static Jk02DeviceInfo deviceInfo(RandomGenerator r, Jk02Layout l) {
        return new Jk02DeviceInfo(l, u8(r), text(r, 16), text(r, 8), text(r, 8), u32(r), u32(r), text(r, 16),
                text(r, 16), text(r, 8), text(r, 11), text(r, 5), text(r, 16), text(r, 16),
                l == Jk02Layout.JK02_32S ? Optional.of(new Jk02DeviceInfo.Extra32S(u8(r), u8(r), u8(r), u8(r)))
                        : Optional.empty());
    }

    static Jk02Settings settings(RandomGenerator r, Jk02Layout l) {
        Jk02Settings.Builder b = Jk02Settings.builder(l).counter(u8(r));
        for (Jk02Register reg : Jk02Register.settingsFrameRegisters()) {
            b.set(reg, reg.signed() ? s32(r) : u32(r));
        }
        b.scpDelay_us(u32(r)).balanceStart_mV(u32(r));
        for (int ch = 1; ch <= l.cellSlots(); ch++) {
            b.wireResistance_mOhm(ch, u32(r));
        }
        if (l == Jk02Layout.JK02_32S) {
            b.only32S(new Jk02Settings.Extra32S(u32(r), u32(r), u16(r), s8(r), s8(r), u8(r), s8(r), s8(r)));
        }
        return b.build();
    }

    static Jk02CellInfo cellInfo(RandomGenerator r, Jk02Layout l) {
        Jk02CellInfo.Builder b = Jk02CellInfo.builder(l)
                .counter(u8(r)).cell_mV(u16s(r, l.cellSlots())).enabledCellMask(u32(r)).average_mV(u16(r))
                .delta_mV(u16(r)).maxCellIndex(u8(r)).minCellIndex(u8(r)).cellResistance_mOhm(u16s(r, l.cellSlots()))
                .mosTemperature_dC(s16(r)).wireResistanceWarningMask(u32(r)).packVoltage_mV(u32(r)).power_mW(u32(r))
                .current_mA(s32(r)).t1_dC(s16(r)).t2_dC(s16(r))
                .errors(l == Jk02Layout.JK02_32S ? u32(r) : u16(r)).balanceCurrent_mA(s16(r)).balancing(u8(r))
                .soc_pct(u8(r)).remaining_mAh(u32(r)).nominalCapacity_mAh(u32(r)).cycles(u32(r))
                .cycleCapacity_mAh(u32(r)).soh_pct(u8(r)).precharge(u8(r)).userAlarm(u16(r)).runtime_s(u32(r))
                .chargeMos(u8(r)).dischargeMos(u8(r))
                .temperatureSensorMask(l == Jk02Layout.JK02_32S ? u8(r) : u16(r));
        if (l == Jk02Layout.JK02_32S) {
            b.only32S(new Jk02CellInfo.Extra32S(u8(r), u8(r), u16s(r, Jk02CellInfo.RELEASE_TIMERS), u8(r), u16(r),
                    s16(r), s16(r), s16(r), s16(r), u16(r), u8(r), u16(r), u8(r), u8(r)));
        } else {
            b.only24S(new Jk02CellInfo.Extra24S(u16(r), u16(r)));
        }
        return b.build();
    }

    static Jk02Frame frame(RandomGenerator r, Jk02Layout l) {
        switch (r.nextInt(3)) {
            case 0: return deviceInfo(r, l);
            case 1: return settings(r, l);
            default: return cellInfo(r, l);
        }
    }

    /** A valid command of any register and length, with random padding and a right CRC. */
    static byte[] commandWithRandomPadding(RandomGenerator r) {
        byte[] b = new byte[20];
        r.nextBytes(b);
        b[0] = (byte) 0xAA;
        b[1] = 0x55;
        b[2] = (byte) 0x90;
        b[3] = (byte) 0xEB;
        b[5] = (byte) r.nextInt(14);
        fixCommandCrc(b);
        return b;
    }

    static void fixCommandCrc(byte[] b) {
        int s = 0;
        for (int i = 0; i < 19; i++) {
            s += b[i];
        }
        b[19] = (byte) s;
    }

    static void fixFrameChecksum(byte[] b) {
        b[299] = (byte) Jk02Codec.checksum(b);
    }
}
