package io.jkbms.protocol.uart;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.protocol.CodecException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The body of a 4E57 read reply: {@code ID + data} records in wire order, each identifier at most once. {@link #parse}
 * and {@link #encode} are exact inverses, byte for byte. The typed accessors read the physical values; every one is
 * empty when its identifier is absent (a read-one reply carries a single identifier; old firmware stops after 0xB7).
 */
public final class UartData {
    private final List<UartValue> values;
    private final UartValue[] byCode = new UartValue[256];

    private UartData(List<UartValue> values) {
        this.values = Collections.unmodifiableList(values);
        for (UartValue v : values) {
            if (byCode[v.id().code()] != null) {
                throw new IllegalArgumentException(v.id() + " appears twice");
            }
            byCode[v.id().code()] = v;
        }
    }

    /** Values in the order given. @throws IllegalArgumentException if an identifier appears twice */
    public static UartData of(List<? extends UartValue> values) {
        return new UartData(new ArrayList<>(values));
    }

    public static UartData of(UartValue... values) {
        return of(List.of(values));
    }

    /**
     * Parses a reply body. Allocation is bounded by the body's length.
     *
     * @throws CodecException naming the offset and identifier of the first unknown, truncated, malformed or repeated
     *                        record
     */
    public static UartData parse(byte[] body) throws CodecException {
        List<UartValue> out = new ArrayList<>();
        boolean[] seen = new boolean[256];
        int i = 0;
        while (i < body.length) {
            int at = i;
            int code = body[i++] & 0xFF;
            Optional<UartId> found = UartId.ofCode(code);
            if (found.isEmpty()) {
                throw new CodecException(String.format("unknown identifier 0x%02X at body offset %d", code, at));
            }
            UartId id = found.get();
            if (seen[code]) {
                throw new CodecException(String.format("identifier %s repeated at body offset %d", id.label(), at));
            }
            seen[code] = true;
            if (id.encoding() == UartEncoding.CELL_LIST) {
                if (i >= body.length) {
                    throw new CodecException(String.format("%s at body offset %d has no length byte", id.label(), at));
                }
                int n = body[i++] & 0xFF;
                if (n % 3 != 0) {
                    throw new CodecException(String.format(
                            "%s at body offset %d: length byte %d is not a multiple of 3", id.label(), at, n));
                }
                need(body, i, n, id, at);
                List<UartValue.Cell> cells = new ArrayList<>(n / 3);
                for (int k = 0; k < n; k += 3) {
                    cells.add(new UartValue.Cell(body[i + k] & 0xFF, u16(body, i + k + 1)));
                }
                out.add(new UartValue.Cells(cells));
                i += n;
            } else {
                need(body, i, id.width(), id, at);
                out.add(read(id, body, i, id.width()));
                i += id.width();
            }
        }
        return new UartData(out);
    }

    private static void need(byte[] body, int from, int n, UartId id, int at) throws CodecException {
        if (body.length - from < n) {
            throw new CodecException(String.format("%s at body offset %d needs %d data bytes, only %d left",
                    id.label(), at, n, body.length - from));
        }
    }

    /** Reads a numeric or text value of {@code n} bytes (n may be shorter than the width: the write "1+N" form). */
    static UartValue read(UartId id, byte[] b, int from, int n) {
        if (id.encoding() == UartEncoding.TEXT) {
            int end = from + n;
            while (end > from && b[end - 1] == 0) {
                end--;
            }
            return new UartValue.Text(id, new String(b, from, end - from, StandardCharsets.ISO_8859_1));
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = v << 8 | (b[from + k] & 0xFF);
        }
        if (id.encoding() == UartEncoding.I16 && n == 2) {
            v = (short) v;
        }
        return new UartValue.Num(id, v);
    }

    /** Writes a value's data (not the identifier) in {@code n} bytes. */
    static void write(UartValue v, byte[] out, int at, int n) {
        if (v instanceof UartValue.Num num) {
            long raw = num.raw();
            for (int k = n - 1; k >= 0; k--) {
                out[at + k] = (byte) raw;
                raw >>= 8;
            }
        } else if (v instanceof UartValue.Text t) {
            for (int k = 0; k < t.text().length(); k++) {
                out[at + k] = (byte) t.text().charAt(k);
            }
        } else if (v instanceof UartValue.Cells c) {
            out[at] = (byte) (3 * c.cells().size());
            int p = at + 1;
            for (UartValue.Cell cell : c.cells()) {
                out[p] = (byte) cell.number();
                out[p + 1] = (byte) (cell.mV() >> 8);
                out[p + 2] = (byte) cell.mV();
                p += 3;
            }
        }
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    /** The body bytes: each value as {@code ID + data}, in order. */
    public byte[] encode() {
        int n = 0;
        for (UartValue v : values) {
            n += 1 + v.dataLength();
        }
        byte[] out = new byte[n];
        int p = 0;
        for (UartValue v : values) {
            out[p++] = (byte) v.id().code();
            write(v, out, p, v.dataLength());
            p += v.dataLength();
        }
        return out;
    }

    public List<UartValue> values() {
        return values;
    }

    public Optional<UartValue> get(UartId id) {
        return Optional.ofNullable(byCode[id.code()]);
    }

    public boolean has(UartId id) {
        return byCode[id.code()] != null;
    }

    /** The raw wire value of a numeric identifier. */
    public OptionalLong raw(UartId id) {
        return byCode[id.code()] instanceof UartValue.Num n ? OptionalLong.of(n.raw()) : OptionalLong.empty();
    }

    public Optional<String> text(UartId id) {
        return byCode[id.code()] instanceof UartValue.Text t ? Optional.of(t.text()) : Optional.empty();
    }

    /** The 0x79 entries as sent (cell numbers included); empty if absent. */
    public List<UartValue.Cell> cells() {
        return byCode[UartId.CELL_VOLTAGES.code()] instanceof UartValue.Cells c ? c.cells() : List.of();
    }

    /** Cell voltages in wire order. */
    public int[] cell_mV() {
        return cells().stream().mapToInt(UartValue.Cell::mV).toArray();
    }

    private OptionalInt rawInt(UartId id) {
        OptionalLong r = raw(id);
        return r.isPresent() ? OptionalInt.of((int) r.getAsLong()) : OptionalInt.empty();
    }

    /** °C of 0x80, 0x81 or 0x82 (see {@link UartQuantities#temperature_C}). */
    public OptionalInt temperature_C(UartId id) {
        if (!id.isTemperature()) {
            throw new IllegalArgumentException(id.label() + " is not a temperature");
        }
        OptionalInt r = rawInt(id);
        return r.isPresent() ? OptionalInt.of(UartQuantities.temperature_C(r.getAsInt())) : r;
    }

    public OptionalInt packVoltage_mV() {
        OptionalInt r = rawInt(UartId.PACK_VOLTAGE);
        return r.isPresent() ? OptionalInt.of(r.getAsInt() * 10) : r;
    }

    /** 0xC0; empty on firmware that does not send it. */
    public OptionalInt protocolVersion() {
        return rawInt(UartId.PROTOCOL_VERSION);
    }

    /** The current (+ = charge), read with this body's own 0xC0 (legacy encoding when 0xC0 is absent). */
    public OptionalInt current_mA() {
        return current_mA(protocolVersion().orElse(0));
    }

    /** The current (+ = charge) read with a known protocol version, for read-one replies that carry no 0xC0. */
    public OptionalInt current_mA(int protocolVersion) {
        OptionalInt r = rawInt(UartId.CURRENT);
        return r.isPresent() ? OptionalInt.of(UartQuantities.current_mA(r.getAsInt(), protocolVersion)) : r;
    }

    public OptionalInt soc_pct() {
        return rawInt(UartId.SOC);
    }

    public Optional<UartStatus> status() {
        OptionalInt r = rawInt(UartId.STATUS);
        return r.isPresent() ? Optional.of(UartStatus.of(r.getAsInt())) : Optional.empty();
    }

    public Optional<Set<UartWarning>> warnings() {
        OptionalInt r = rawInt(UartId.WARNINGS);
        return r.isPresent() ? Optional.of(UartWarning.of(r.getAsInt())) : Optional.empty();
    }

    /** A setting's stored value (mV, mA, mAh, 0.1 °C, …) if this body carries its identifier in a convertible form. */
    public OptionalInt setting(SettingKey key) {
        Optional<UartId> id = UartId.forSetting(key);
        if (id.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalLong r = raw(id.get());
        return r.isPresent() ? id.get().settingValue(r.getAsLong()) : OptionalInt.empty();
    }

    /** Every setting this body carries, converted to stored units (unvalidated: apply it with SettingsValidator). */
    public SettingsPatch toSettingsPatch() {
        SettingsPatch.Builder b = SettingsPatch.builder();
        for (UartValue v : values) {
            if (v instanceof UartValue.Num n) {
                n.id().setting().ifPresent(k -> n.id().settingValue(n.raw()).ifPresent(x -> b.set(k, x)));
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UartData d && values.equals(d.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "UartData" + values;
    }
}
