package io.jkbms.protocol.can;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;

import java.util.Arrays;

/** A classic CAN 2.0A data frame: an 11-bit identifier and 0..8 data bytes. */
public record CanFrame(int id, byte[] data) {
    public static final int MAX_ID = 0x7FF;
    public static final int MAX_DATA = 8;

    /** @throws IllegalArgumentException if the id is not 11 bits or the data longer than 8 bytes */
    public CanFrame {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException(String.format("CAN id 0x%X is not an 11-bit identifier", id));
        }
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException(data.length + " data bytes exceed the 8 of a CAN frame");
        }
        data = data.clone();
    }

    /** A frame from untrusted input (a bus adapter): the same checks, as a CodecException. */
    public static CanFrame decode(int id, byte[] data) throws CodecException {
        if (id < 0 || id > MAX_ID) {
            throw new CodecException(String.format("CAN id 0x%X is not an 11-bit identifier", id));
        }
        if (data.length > MAX_DATA) {
            throw new CodecException(data.length + " data bytes exceed the 8 of a CAN frame");
        }
        return new CanFrame(id, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    /** Unsigned byte {@code i}. */
    int u8(int i) {
        return data[i] & 0xFF;
    }

    /** Little-endian u16 at {@code i}. */
    int u16(int i) {
        return u8(i) | u8(i + 1) << 8;
    }

    int i16(int i) {
        return (short) u16(i);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanFrame f && id == f.id && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(data);
    }

    /** candump style: {@code 2F4#1301D71133006400}. */
    @Override
    public String toString() {
        return String.format("%03X#%s", id, Hex.of(data));
    }
}
