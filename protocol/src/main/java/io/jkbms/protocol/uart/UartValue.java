package io.jkbms.protocol.uart;

import java.util.ArrayList;
import java.util.List;

/**
 * One identifier's data in a 4E57 body. Numbers keep the raw wire value (so re-encoding is byte-exact); the physical
 * readings of the special encodings are in {@link UartQuantities} and {@link UartData}'s accessors.
 */
public sealed interface UartValue permits UartValue.Num, UartValue.Text, UartValue.Cells {

    UartId id();

    /** Bytes after the identifier byte. */
    int dataLength();

    /** A u8/u16/i16/u32 field: {@code raw} is the wire value (signed for i16). */
    record Num(UartId id, long raw) implements UartValue {
        public Num {
            if (!id.encoding().numeric()) {
                throw new IllegalArgumentException(id.label() + " is not numeric (" + id.encoding() + ")");
            }
            if (raw < id.encoding().min() || raw > id.encoding().max()) {
                throw new IllegalArgumentException(raw + " does not fit " + id.label() + " (" + id.encoding() + ")");
            }
        }

        @Override
        public int dataLength() {
            return id.width();
        }
    }

    /**
     * A fixed-width text field as Latin-1 characters, one per byte. Trailing NULs are padding: the wire pads with
     * them and decoding strips them, so a text never ends in NUL.
     */
    record Text(UartId id, String text) implements UartValue {
        public Text {
            if (id.encoding() != UartEncoding.TEXT) {
                throw new IllegalArgumentException(id.label() + " is not text");
            }
            if (text.length() > id.width()) {
                throw new IllegalArgumentException("text of " + text.length() + " characters exceeds " + id.width()
                        + " bytes of " + id.label());
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xFF) {
                    throw new IllegalArgumentException("character U+" + Integer.toHexString(text.charAt(i))
                            + " at " + i + " is not one byte (Latin-1)");
                }
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) == 0) {
                throw new IllegalArgumentException("trailing NUL is padding, not text");
            }
        }

        @Override
        public int dataLength() {
            return id.width();
        }
    }

    /** One entry of the 0x79 list. */
    record Cell(int number, int mV) {
        public Cell {
            if (number < 0 || number > 0xFF || mV < 0 || mV > 0xFFFF) {
                throw new IllegalArgumentException("cell " + number + " = " + mV + " mV does not fit {u8, u16}");
            }
        }
    }

    /** The 0x79 list, in wire order. */
    record Cells(List<Cell> cells) implements UartValue {
        /** The length byte is 3n, so at most 85 cells. */
        public static final int MAX_CELLS = 0xFF / 3;

        public Cells {
            cells = List.copyOf(cells);
            if (cells.size() > MAX_CELLS) {
                throw new IllegalArgumentException(cells.size() + " cells exceed the " + MAX_CELLS + " of 0x79");
            }
        }

        @Override
        public UartId id() {
            return UartId.CELL_VOLTAGES;
        }

        @Override
        public int dataLength() {
            return 1 + 3 * cells.size();
        }

        public int[] mV() {
            return cells.stream().mapToInt(Cell::mV).toArray();
        }
    }

    static Num of(UartId id, long raw) {
        return new Num(id, raw);
    }

    static Text text(UartId id, String text) {
        return new Text(id, text);
    }

    /** Cells numbered 1..n, as devices send them. */
    static Cells cells(int... mV) {
        List<Cell> list = new ArrayList<>(mV.length);
        for (int i = 0; i < mV.length; i++) {
            list.add(new Cell(i + 1, mV[i]));
        }
        return new Cells(list);
    }

    /** A 0x80–0x82 temperature in °C (see {@link UartQuantities#temperatureRaw}). */
    static Num temperature(UartId id, int celsius) {
        if (!id.isTemperature()) {
            throw new IllegalArgumentException(id.label() + " is not a temperature");
        }
        return new Num(id, UartQuantities.temperatureRaw(celsius));
    }

    /** The 0x84 current (+ = charge) in the encoding of a protocol version. */
    static Num current(int current_mA, int protocolVersion) {
        return new Num(UartId.CURRENT, UartQuantities.currentRaw(current_mA, protocolVersion));
    }
}
