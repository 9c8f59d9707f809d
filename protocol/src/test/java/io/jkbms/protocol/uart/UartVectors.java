package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The captured frames of shared/reference/vectors, read relative to the protocol module directory. */
final class UartVectors {
    static final Path DIR = Path.of("..", "..", "shared", "reference", "vectors");

    private UartVectors() {
    }

    static byte[] load(String name) {
        try {
            return Hex.parse(Files.readString(DIR.resolve(name)).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("vector " + DIR.resolve(name).toAbsolutePath(), e);
        } catch (CodecException e) {
            throw new IllegalStateException(name + " is not hex: " + e.getMessage(), e);
        }
    }

    static byte[] uart13s() {
        return load("UART_13S_V10.hex");
    }
}
