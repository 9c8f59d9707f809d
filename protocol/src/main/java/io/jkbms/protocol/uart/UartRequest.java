package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;

import java.util.Arrays;

/**
 * What a client asks of the BMS over 4E57 (protocols.md §2.1). {@link #toFrame} builds the request frame;
 * {@link #decode} reads one back on the device side.
 */
public sealed interface UartRequest
        permits UartRequest.ReadAll, UartRequest.ReadOne, UartRequest.Write, UartRequest.Password, UartRequest.Activate {

    /** The request body (identifier [+ value]). */
    byte[] body();

    UartCommand command();

    default UartFrame toFrame(UartSource source) {
        return UartFrame.request(command(), source, body());
    }

    /** Command 06, identifier 00: every identifier. Command 03 with identifier 00 means the same. */
    record ReadAll() implements UartRequest {
        @Override
        public byte[] body() {
            return new byte[]{0};
        }

        @Override
        public UartCommand command() {
            return UartCommand.READ_ALL;
        }
    }

    /** Command 03: one identifier. */
    record ReadOne(UartId id) implements UartRequest {
        @Override
        public byte[] body() {
            return new byte[]{(byte) id.code()};
        }

        @Override
        public UartCommand command() {
            return UartCommand.READ_ONE;
        }
    }

    /**
     * Command 02: {@code ID + N bytes} big-endian (the PDF's "1+N"). {@code valueBytes} is N: the identifier's width,
     * or fewer for small values (ESPHome always sends one byte). Shorter numbers are zero-extended, so a negative
     * i16 needs both bytes.
     */
    record Write(UartValue value, int valueBytes) implements UartRequest {
        public Write {
            if (value instanceof UartValue.Cells) {
                throw new IllegalArgumentException("the cell list cannot be written");
            }
            UartId id = value.id();
            if (valueBytes < 1 || valueBytes > id.width()) {
                throw new IllegalArgumentException(id.label() + " takes 1.." + id.width() + " value bytes, not " + valueBytes);
            }
            if (value instanceof UartValue.Num n && valueBytes < id.width()
                    && (n.raw() < 0 || n.raw() >= 1L << (8 * valueBytes))) {
                throw new IllegalArgumentException(n.raw() + " does not fit " + valueBytes + " unsigned byte(s)");
            }
            if (value instanceof UartValue.Text t && t.text().length() > valueBytes) {
                throw new IllegalArgumentException("text of " + t.text().length() + " characters in " + valueBytes + " bytes");
            }
        }

        @Override
        public byte[] body() {
            byte[] b = new byte[1 + valueBytes];
            b[0] = (byte) value.id().code();
            UartData.write(value, b, 1, valueBytes);
            return b;
        }

        @Override
        public UartCommand command() {
            return UartCommand.WRITE;
        }
    }

    /**
     * Command 05. What the payload carries is undocumented; the only capture (ESPHome, sent 150 ms before every
     * write) is {@code 00 00}.
     */
    record Password(byte[] payload) implements UartRequest {
        public Password {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public byte[] body() {
            return payload.clone();
        }

        @Override
        public UartCommand command() {
            return UartCommand.PASSWORD;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Password p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Password[" + Hex.of(payload) + "]";
        }
    }

    /** Command 01: wakes a sleeping BMS (PDF §4.1). No capture: we send identifier 00. */
    record Activate() implements UartRequest {
        @Override
        public byte[] body() {
            return new byte[]{0};
        }

        @Override
        public UartCommand command() {
            return UartCommand.ACTIVATE;
        }
    }

    static ReadAll readAll() {
        return new ReadAll();
    }

    static ReadOne readOne(UartId id) {
        return new ReadOne(id);
    }

    /** A write in the identifier's full width. */
    static Write write(UartValue value) {
        return new Write(value, value.id().width());
    }

    /** A write with a one-byte value, as ESPHome sends every write. */
    static Write writeOneByte(UartId id, int value) {
        return new Write(new UartValue.Num(id, value), 1);
    }

    /** The password request as captured: payload {@code 00 00}. */
    static Password password() {
        return new Password(new byte[2]);
    }

    static Activate activate() {
        return new Activate();
    }

    /**
     * Reads a request frame on the device side. Any frame type but reply is accepted (one ESPHome version sends
     * writes as type 02).
     *
     * @throws CodecException if the frame is a reply, or its body is not a well-formed request of its command
     */
    static UartRequest decode(UartFrame frame) throws CodecException {
        if (frame.type() == UartFrameType.REPLY) {
            throw new CodecException("frame type 01 (reply) at offset 10 is not a request");
        }
        byte[] b = frame.body();
        switch (frame.command()) {
            case ACTIVATE:
                return new Activate();
            case READ_ALL:
                return new ReadAll();
            case PASSWORD:
                return new Password(b);
            case READ_ONE: {
                if (b.length == 0) {
                    throw new CodecException("read-one request without an identifier (body is empty)");
                }
                int code = b[0] & 0xFF;
                if (code == 0) {
                    return new ReadAll();
                }
                return new ReadOne(UartId.ofCode(code).orElseThrow(() -> new CodecException(
                        String.format("read-one request for unknown identifier 0x%02X at offset 11", code))));
            }
            default: {
                if (b.length < 2) {
                    throw new CodecException("write request needs an identifier and at least one value byte, got "
                            + b.length + " body byte(s)");
                }
                int code = b[0] & 0xFF;
                UartId id = UartId.ofCode(code).orElseThrow(() -> new CodecException(
                        String.format("write request for unknown identifier 0x%02X at offset 11", code)));
                if (id.encoding() == UartEncoding.CELL_LIST) {
                    throw new CodecException("write request for " + id.label() + ", which is read-only and has no write form");
                }
                int n = b.length - 1;
                if (n > id.width()) {
                    throw new CodecException(String.format("write request for %s carries %d value bytes, at most %d",
                            id.label(), n, id.width()));
                }
                return new Write(UartData.read(id, b, 1, n), n);
            }
        }
    }
}
