package io.jkbms.link.client;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.link.Link;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.device.DeviceCommand;
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
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The 4E57 client (protocols.md §2): the board is a slave, so every reading is a request and its reply. Read-all
 * gives status and settings; a write is preceded by the password frame, as ESPHome does and real boards require
 * (150 ms before the write), and confirmed by reading the identifier back. Requests are at least 100 ms apart (the
 * protocol asks for it).
 * <p>
 * A reply is taken as the answer to a request only if it answers that request: a reply (type 01) to the same command
 * that carries what was asked — the identifier read or written, or for read-all more than one identifier. Before a
 * request, bytes already waiting are discarded (nothing that came before a request answers it), and after a request
 * timed out the next one first waits out the protocol's 5 s reply bound, discarding what arrives, so a late reply
 * to an identical request is never taken for the new answer. Record numbers cannot tell replies apart: every capture
 * has 0 in both directions and nothing says a board echoes another value, so the client sends 0.
 */
public final class UartClient implements BmsClient {
    private static final long MIN_GAP_ms = 100;
    /** Password to write, as ESPHome sends them ([EJ] jk_modbus.cpp). */
    static final long PASSWORD_GAP_ms = 150;
    /** The longest a board takes to answer (PDF §4.1): a reply later than our timeout can come until then. */
    static final long REPLY_BOUND_ms = 5_000;

    private final Link link;
    private final Duration timeout;
    private final UartReassembler in = new UartReassembler();
    private long nextRequest_ms;
    private long timedOutRequest_ms = Long.MIN_VALUE;
    private long timeouts;
    private long staleReplies;

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

    /** Sends a request and returns the reply that answers it. */
    private synchronized UartData request(UartRequest r, String what) throws IOException {
        waitUntil(nextRequest_ms);
        if (timedOutRequest_ms != Long.MIN_VALUE) {
            // A late reply to the request that timed out may still come: let it come and go.
            discardUntil(timedOutRequest_ms + REPLY_BOUND_ms);
            timedOutRequest_ms = Long.MIN_VALUE;
        }
        discardWaiting();
        link.write(r.toFrame(UartSource.PC).encode());
        long sent = System.currentTimeMillis();
        nextRequest_ms = sent + MIN_GAP_ms;
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[512];
        String unreadable = "";
        while (System.nanoTime() < deadline) {
            int n = link.read(buf);
            if (n < 0) {
                throw new IOException(link.describe() + " closed by the board");
            }
            for (UartFrame f : in.feed(buf, 0, n)) {
                if (f.type() != UartFrameType.REPLY || f.command() != r.command()) {
                    countStale(f);
                    continue;
                }
                if (r instanceof UartRequest.Activate) {
                    return UartData.of(); // its reply carries no identifier to read (the twin echoes 00)
                }
                UartData d;
                try {
                    d = UartData.parse(f.body());
                } catch (CodecException e) {
                    unreadable = " (a reply came but its data is unreadable: " + e.getMessage() + ")";
                    continue;
                }
                if (answers(r, d)) {
                    return d;
                }
                staleReplies++;
            }
        }
        timeouts++;
        timedOutRequest_ms = sent;
        throw new IOException(link.describe() + ": no reply to " + what + " within " + timeout.toMillis() + " ms"
                + unreadable);
    }

    /** Sends a request that needs no answer (the password: whether a board replies is unknown). */
    private synchronized void send(UartRequest r, long gapAfter_ms) throws IOException {
        waitUntil(nextRequest_ms);
        link.write(r.toFrame(UartSource.PC).encode());
        nextRequest_ms = System.currentTimeMillis() + gapAfter_ms;
    }

    /** Whether a reply's data is the answer to a request of the same command. */
    static boolean answers(UartRequest r, UartData d) {
        if (r instanceof UartRequest.ReadAll) {
            return d.values().size() > 1;
        } else if (r instanceof UartRequest.ReadOne one) {
            return !d.values().isEmpty() && d.values().get(0).id() == one.id();
        } else if (r instanceof UartRequest.Write w) {
            return !d.values().isEmpty() && d.values().get(0).id() == w.value().id();
        }
        return true; // activate: no identifier to match (password replies are never waited for)
    }

    private void countStale(UartFrame f) {
        if (f.type() == UartFrameType.REPLY && f.command() != io.jkbms.protocol.uart.UartCommand.PASSWORD) {
            staleReplies++;
        }
    }

    private void discardWaiting() throws IOException {
        byte[] buf = new byte[512];
        while (link.in().available() > 0) {
            int n = link.read(buf);
            if (n <= 0) {
                return;
            }
            in.feed(buf, 0, n).forEach(this::countStale);
        }
        in.discardPartial(); // the start of a frame that came before the request is not its answer either
    }

    private void discardUntil(long until_ms) throws IOException {
        byte[] buf = new byte[512];
        while (System.currentTimeMillis() < until_ms) {
            int n = link.read(buf);
            if (n < 0) {
                throw new IOException(link.describe() + " closed by the board");
            }
            in.feed(buf, 0, Math.max(0, n)).forEach(this::countStale);
        }
    }

    private static void waitUntil(long at_ms) throws IOException {
        long wait = at_ms - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    private UartData readAll() throws IOException {
        return request(UartRequest.readAll(), "read all");
    }

    /** Password, then the write; returns the board's reply (the written identifier and the value it now holds). */
    private UartData write(UartValue v, String what) throws IOException {
        send(UartRequest.password(), PASSWORD_GAP_ms);
        return request(UartRequest.write(v), what);
    }

    @Override
    public BoardInfo info() throws IOException {
        UartData d = readAll();
        String model = d.text(UartId.MANUFACTURER).orElse("");
        String sw = d.text(UartId.SOFTWARE_VERSION).orElse("");
        String serial = d.text(UartId.DEVICE_ID).orElse("");
        return new BoardInfo("4e57", model.trim(), "", sw.trim(), serial.trim(), "4E57");
    }

    @Override
    public SettingsPatch settings() throws IOException {
        return readAll().toSettingsPatch();
    }

    @Override
    public BoardStatus status() throws IOException {
        return status(readAll(), System.currentTimeMillis());
    }

    /** A read-all reply as a status (field by field as {@link BoardStatus} documents). */
    static BoardStatus status(UartData d, long received_ms) {
        UartStatus st = d.status().orElse(UartStatus.of(0));
        List<Integer> cells = new ArrayList<>();
        for (int v : d.cell_mV()) {
            cells.add(v);
        }
        // 0x86 counts the sensors but does not say which: T1..Tn are taken as the fitted ones.
        long fitted = d.raw(UartId.NTC_COUNT).orElse(2);
        List<TemperatureReading> temps = new ArrayList<>();
        UartId[] external = {UartId.T1_TEMPERATURE, UartId.T2_TEMPERATURE};
        for (int i = 0; i < 4; i++) {
            temps.add(i < external.length && i < fitted ? reading(d, external[i]) : TemperatureReading.ABSENT);
        }
        Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);
        d.warnings().ifPresent(ws -> ws.forEach(w -> w.alarm().ifPresent(alarms::add)));
        return new BoardStatus(received_ms, d.packVoltage_mV().orElse(0), d.current_mA().orElse(0),
                d.soc_pct().orElse(0), cells, reading(d, UartId.MOS_TEMPERATURE), temps, st.chargeMos(),
                st.dischargeMos(), st.balancing(), 0, alarms, 0, d.raw(UartId.ACTUAL_CAPACITY).orElse(0) * 1000,
                d.raw(UartId.CYCLES).orElse(0), d.raw(UartId.RUNTIME).orElse(0) * 60, false, false, false);
    }

    private static TemperatureReading reading(UartData d, UartId id) {
        OptionalInt c = d.temperature_C(id);
        return c.isPresent() ? new TemperatureReading(SensorStatus.OK, c.getAsInt() * 10) : TemperatureReading.ABSENT;
    }

    @Override
    public void set(SettingKey key, int value) throws IOException {
        UartId id = UartId.forSetting(key).orElseThrow(() ->
                new IllegalArgumentException(key.jsonName() + " has no 4E57 identifier"));
        UartValue v = new UartValue.Num(id, id.rawFromSetting(value));
        write(v, "write " + key.jsonName());
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Integer> seen = Optional.empty();
        while (System.nanoTime() < deadline) {
            UartData d = request(UartRequest.readOne(id), "read " + key.jsonName());
            seen = d.setting(key).isPresent() ? Optional.of(d.setting(key).getAsInt()) : Optional.empty();
            if (seen.isPresent() && seen.get() == value) {
                return;
            }
        }
        throw new ConfirmationException("the board did not confirm " + key.jsonName() + " = " + value + " within "
                + timeout.toMillis() + " ms" + seen.map(s -> " (it still reports " + s + "; it probably refused the value)")
                .orElse(" (no read-back)"));
    }

    /**
     * 4E57 carries: wake (command 01, activate), factory reset (write 0xBC = 1) and current calibration (write the
     * measured current's magnitude to 0xAD, then 0xB8 = 1 to start; inferred from the identifiers' names, no
     * capture). Not emergency, power off or pack-voltage calibration: 4E57 has no identifier for them (JK02 has).
     * Wake is confirmed by the activate reply and a read-all answered after it; factory reset by the write reply
     * echoing 1 (a board that refused answers with its current value, 0); current calibration by a read-all whose
     * current is {@linkplain BmsClient#near near} the measured value.
     */
    @Override
    public void command(DeviceCommand command) throws IOException {
        String name = BmsClient.describe(command);
        if (command instanceof DeviceCommand.Wake) {
            request(UartRequest.activate(), name);
            readAll();
        } else if (command instanceof DeviceCommand.FactoryReset) {
            UartData reply = write(new UartValue.Num(UartId.FACTORY_RESET, 1), name);
            OptionalLong echoed = reply.raw(UartId.FACTORY_RESET);
            if (echoed.isEmpty() || echoed.getAsLong() != 1) {
                throw new ConfirmationException("the board did not confirm " + name + " (its reply holds "
                        + (echoed.isPresent() ? echoed.getAsLong() : "no value") + ", not 1; it probably refused it)");
            }
        } else if (command instanceof DeviceCommand.CalibrateCurrent c) {
            int magnitude = Math.abs(c.measured_mA());
            if (magnitude > 0xFFFF) {
                throw new IllegalArgumentException(name + " cannot be sent over 4E57: 0xAD holds at most 65535 mA");
            }
            write(new UartValue.Num(UartId.CURRENT_CALIBRATION, magnitude), name + " (0xAD)");
            write(new UartValue.Num(UartId.START_CURRENT_CALIBRATION, 1), name + " (0xB8)");
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (System.nanoTime() < deadline) {
                seen = status().current_mA();
                if (BmsClient.near(seen, c.measured_mA())) {
                    return;
                }
            }
            throw new ConfirmationException("the board did not confirm " + name + " within " + timeout.toMillis()
                    + " ms (it reports " + seen + " mA; it probably refused it)");
        } else {
            throw new IllegalArgumentException(name + " cannot be sent over 4E57: the protocol has no identifier for "
                    + "it (JK02 does)");
        }
    }

    /** Replies seen that answered no request of ours (late, or for another identifier or command). */
    public synchronized long staleReplies() {
        return staleReplies;
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
