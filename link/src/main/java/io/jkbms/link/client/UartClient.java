package io.jkbms.link.client;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.link.Link;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.uart.UartData;
import io.jkbms.protocol.uart.UartFrame;
import io.jkbms.protocol.uart.UartFrameType;
import io.jkbms.protocol.uart.UartId;
import io.jkbms.protocol.uart.UartReassembler;
import io.jkbms.protocol.uart.UartRequest;
import io.jkbms.protocol.uart.UartSource;
import io.jkbms.protocol.uart.UartStatus;
import io.jkbms.protocol.uart.UartValue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The 4E57 client (protocols.md §2): the board is a slave, so every reading is a request and its reply. Read-all
 * gives status and settings; a write is confirmed by reading the identifier back. Requests are at least 100 ms apart
 * (the protocol asks for it).
 */
public final class UartClient implements BmsClient {
    private static final long MIN_GAP_ms = 100;

    private final Link link;
    private final Duration timeout;
    private final UartReassembler in = new UartReassembler();
    private long lastRequest_ms;
    private long timeouts;

    private UartClient(Link link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
    }

    public static UartClient connect(Link link, Duration timeout) throws IOException {
        UartClient c = new UartClient(link, timeout);
        try {
            c.readAll(); // proves the board answers
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
        return c;
    }

    private synchronized UartFrame request(UartRequest r, String what) throws IOException {
        long wait = lastRequest_ms + MIN_GAP_ms - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        link.write(r.toFrame(UartSource.PC).encode());
        lastRequest_ms = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[512];
        while (System.nanoTime() < deadline) {
            int n = link.read(buf);
            if (n < 0) {
                throw new IOException(link.describe() + " closed by the board");
            }
            for (UartFrame f : in.feed(buf, 0, n)) {
                if (f.type() == UartFrameType.REPLY && f.command() == r.command()) {
                    return f;
                }
            }
        }
        timeouts++;
        throw new IOException(link.describe() + ": no reply to " + what + " within " + timeout.toMillis() + " ms");
    }

    private UartData readAll() throws IOException {
        UartFrame f = request(UartRequest.readAll(), "read all");
        try {
            return UartData.parse(f.body());
        } catch (CodecException e) {
            throw new IOException(link.describe() + ": unreadable read-all reply: " + e.getMessage(), e);
        }
    }

    @Override
    public BoardInfo info() throws IOException {
        UartData d = readAll();
        String model = d.text(UartId.ofCode(0xBA).orElseThrow()).orElse("");
        String sw = d.text(UartId.ofCode(0xB7).orElseThrow()).orElse("");
        String serial = d.text(UartId.ofCode(0xB4).orElseThrow()).orElse("");
        return new BoardInfo("4e57", model.trim(), "", sw.trim(), serial.trim(), "4E57");
    }

    @Override
    public SettingsPatch settings() throws IOException {
        return readAll().toSettingsPatch();
    }

    @Override
    public BoardStatus status() throws IOException {
        UartData d = readAll();
        UartStatus st = d.status().orElse(UartStatus.of(0));
        List<Integer> cells = new ArrayList<>();
        for (int v : d.cell_mV()) {
            cells.add(v);
        }
        List<Integer> temps = new ArrayList<>();
        for (int code : new int[]{0x81, 0x82}) {
            d.temperature_C(UartId.ofCode(code).orElseThrow()).ifPresent(c -> temps.add(c * 10));
        }
        int mos = d.temperature_C(UartId.ofCode(0x80).orElseThrow()).orElse(0) * 10;
        Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
        d.warnings().ifPresent(ws -> ws.forEach(w -> w.alarm().ifPresent(alarms::add)));
        return new BoardStatus(System.currentTimeMillis(), d.packVoltage_mV().orElse(0), d.current_mA().orElse(0),
                d.soc_pct().orElse(0), cells, mos, temps, st.chargeMos(), st.dischargeMos(), st.balancing(), 0, alarms);
    }

    @Override
    public void set(SettingKey key, int value) throws IOException {
        UartId id = UartId.forSetting(key).orElseThrow(() ->
                new IllegalArgumentException(key.jsonName() + " has no 4E57 identifier"));
        UartValue v = new UartValue.Num(id, id.rawFromSetting(value));
        request(UartRequest.write(v), "write " + key.jsonName());
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Integer> seen = Optional.empty();
        while (System.nanoTime() < deadline) {
            UartFrame f = request(UartRequest.readOne(id), "read " + key.jsonName());
            try {
                UartData d = UartData.parse(f.body());
                seen = d.setting(key).isPresent() ? Optional.of(d.setting(key).getAsInt()) : Optional.empty();
            } catch (CodecException e) {
                seen = Optional.empty();
            }
            if (seen.isPresent() && seen.get() == value) {
                return;
            }
        }
        throw new ConfirmationException("the board did not confirm " + key.jsonName() + " = " + value + " within "
                + timeout.toMillis() + " ms" + seen.map(s -> " (it still reports " + s + "; it probably refused the value)")
                .orElse(" (no read-back)"));
    }

    @Override
    public LinkDiagnostics diagnostics() {
        UartReassembler.Stats s = in.stats();
        return new LinkDiagnostics(link.describe(), s.frames(), s.errors(), s.bytesSkipped(), timeouts);
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}
