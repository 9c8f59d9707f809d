package io.jkbms.bench;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.BalancerStatus;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import io.jkbms.protocol.jk02.Jk02Codec;
import io.jkbms.protocol.jk02.Jk02DeviceIdentity;
import io.jkbms.protocol.jk02.Jk02Layout;
import io.jkbms.protocol.jk02.Jk02Mapping;
import io.jkbms.protocol.uart.UartDevice;
import io.jkbms.protocol.uart.UartReplies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Inputs shared by the protocol benchmarks: a fixed board state built from core classes alone (no firmware, no
 * simulation) and the real captured frames of {@code shared/reference/vectors}.
 * <p>
 * The vectors folder is the system property {@value #VECTORS_PROPERTY} if set, else {@code ../shared/reference/vectors}
 * relative to the working directory (the repository root, {@code /work/main}), else the same from a module directory.
 * JMH forks inherit the host VM's {@code -D} options, so {@code java -Djkbms.vectors=DIR -jar benchmarks.jar ...} works.
 * If no folder is found, the frames are encoded here from the fixed state instead, and the benchmark says so on its
 * output.
 */
final class ProtocolFixtures {
    static final String VECTORS_PROPERTY = "jkbms.vectors";
    static final BoardModel MODEL = BoardModel.parse("JK-BD4A24S-12P");
    static final int CELLS = 16;

    private ProtocolFixtures() {
    }

    /** 16S LFP 280 Ah (the twin's default pack), as a complete, unvalidated settings table. */
    static Settings settings() {
        return Presets.forChemistry(Chemistry.LFP).with(SettingsPatch.builder()
                .set(SettingKey.CELL_COUNT, CELLS).set(SettingKey.CAPACITY_mAh, 280_000).build());
    }

    /**
     * A discharging 16S pack mid-way: cells spread over 3 290..3 305 mV, −42.5 A, four sensors (three OK, one absent),
     * the balancer active and one advisory alarm (low SOC), so every JK native CAN frame, ALM_INFO included, is sent.
     */
    static Telemetry telemetry() {
        int[] cells = new int[CELLS];
        int[] wires = new int[CELLS];
        long sum = 0;
        int max = 1, min = 1;
        for (int i = 0; i < CELLS; i++) {
            cells[i] = 3_290 + (i * 7) % 16;
            wires[i] = 60 + i;
            sum += cells[i];
            if (cells[i] > cells[max - 1]) {
                max = i + 1;
            }
            if (cells[i] < cells[min - 1]) {
                min = i + 1;
            }
        }
        int pack = (int) sum;
        int current = -42_500;
        List<TemperatureReading> temps = List.of(ok(231), ok(228), ok(240), TemperatureReading.ABSENT);
        return new Telemetry(86_400_000L, 86_400L, PowerState.ON, pack, current, (long) pack * current / 1000, 19,
                53_200, 278_000, 280_000, 37, 10_360_000L, 99, cells, wires, max, min, (int) (sum / CELLS),
                cells[max - 1] - cells[min - 1], ok(312), temps, true, true, false,
                new BalancerStatus(true, max, min, 380), false, 0, false, 0, false, false, 12,
                EnumSet.of(Alarm.LOW_SOC));
    }

    private static TemperatureReading ok(int dC) {
        return new TemperatureReading(SensorStatus.OK, dC);
    }

    /** A device identity in the layout's software line: 10.x speaks JK02_24S, 11.x and later JK02_32S. */
    static Jk02DeviceIdentity identity(Jk02Layout layout) {
        String sw = layout == Jk02Layout.JK02_24S ? "10.07" : "11.26";
        return new Jk02DeviceIdentity(MODEL.name(), "11.XW", sw, "jkbms bench", "1234", "261124", "4100000000",
                "1234", "");
    }

    static UartDevice uartDevice(Settings s) {
        return UartDevice.forBoard(MODEL, s.userData(), "2611");
    }

    /** The captured frames, or frames encoded from the fixed state when the folder is missing. */
    static final class Vectors {
        final Path dir;
        final boolean captured;

        private Vectors(Path dir, boolean captured) {
            this.dir = dir;
            this.captured = captured;
        }

        static Vectors locate() {
            String prop = System.getProperty(VECTORS_PROPERTY);
            List<Path> candidates = prop != null && !prop.isBlank() ? List.of(Path.of(prop))
                    : List.of(Path.of("..", "shared", "reference", "vectors"),
                    Path.of("..", "..", "shared", "reference", "vectors"));
            for (Path p : candidates) {
                if (Files.isRegularFile(p.resolve("UART_13S_V10.hex"))) {
                    return new Vectors(p.toAbsolutePath().normalize(), true);
                }
            }
            Path first = candidates.get(0).toAbsolutePath().normalize();
            return new Vectors(first, false);
        }

        /** One line for the benchmark output: where the inputs came from. */
        String describe() {
            return captured ? "inputs: captured vectors from " + dir
                    : "inputs: NO vectors folder at " + dir + " (set -D" + VECTORS_PROPERTY
                    + "=DIR); using frames encoded by the benchmark from its fixed 16S state";
        }

        /**
         * A JK02 frame: {@code kind} is DEVICE_INFO, SETTINGS or CELL_INFO. Captured: the 24S frames are a 10.07 board
         * (JK-B2A24S20P), the 32S ones a 15.38 board (JK_PB2A16S15P).
         */
        byte[] jk02(String kind, Jk02Layout layout) {
            if (captured) {
                String v = layout == Jk02Layout.JK02_24S ? "24S_V10" : "32S_V15";
                return load(kind + "_JK02_" + v + ".hex");
            }
            Settings s = settings();
            Telemetry t = telemetry();
            switch (kind) {
                case "DEVICE_INFO":
                    return Jk02Codec.encode(Jk02Mapping.deviceInfo(identity(layout), t, s, layout, 7));
                case "SETTINGS":
                    return Jk02Codec.encode(Jk02Mapping.settingsFrame(s, layout, 7));
                case "CELL_INFO":
                    return Jk02Codec.encode(Jk02Mapping.cellInfo(t, s, layout, 7));
                default:
                    throw new IllegalArgumentException(kind);
            }
        }

        /** The 4E57 read-all reply: captured 13S (sw 10.07), else 16S from the fixed state. */
        byte[] uartReadAll() {
            if (captured) {
                return load("UART_13S_V10.hex");
            }
            Settings s = settings();
            return UartReplies.readAllFrame(telemetry(), s, uartDevice(s)).encode();
        }

        private byte[] load(String name) {
            Path p = dir.resolve(name);
            try {
                return Hex.parse(Files.readString(p).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read vector " + p, e);
            } catch (CodecException e) {
                throw new IllegalStateException(p + " is not hex: " + e.getMessage(), e);
            }
        }
    }
}
