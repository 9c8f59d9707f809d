package io.jkbms.app.device;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.link.Link;
import io.jkbms.link.ble.BleLink;
import io.jkbms.link.ble.BluezGatt;
import io.jkbms.link.client.BmsClient;
import io.jkbms.link.client.BoardInfo;
import io.jkbms.link.client.BoardStatus;
import io.jkbms.link.client.ConfirmationException;
import io.jkbms.link.client.LinkDiagnostics;
import io.jkbms.link.serial.SerialLink;
import io.jkbms.link.tcp.TcpLink;
import io.jkbms.protocol.device.DeviceCommand;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real board (or a twin in another process) through a protocol client. A thread of its own connects, reads who
 * the board is and its settings, then follows its live readings; when the link fails the board is shown offline
 * with the reason and the thread reconnects with back-off (1 s doubling to 30 s). Writes go through the same client,
 * one at a time, each confirmed by read-back.
 */
public final class RemoteDevice implements Device {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final long POLL_ms = 250;
    static final long BACKOFF_MIN_ms = 1_000;
    static final long BACKOFF_MAX_ms = 30_000;
    /** What a board whose model name this app does not know is served as. */
    static final BoardModel FALLBACK_MODEL = BoardModel.parse("JK-BD4A24S-12P");

    /** Where the board is: the forms {@code --connect} takes. */
    public sealed interface Target {
        String describe();

        String protocol();

        Link open(Duration timeout) throws IOException;
    }

    /** JK02 through a BLE–TCP bridge. */
    public record Tcp(String host, int port) implements Target {
        public String describe() {
            return "tcp://" + host + ":" + port;
        }

        public String protocol() {
            return "jk02";
        }

        public Link open(Duration t) throws IOException {
            return TcpLink.connect(host, port, (int) t.toMillis(), 50);
        }
    }

    /** 4E57 through an RS485–Ethernet gateway. */
    public record UartTcp(String host, int port) implements Target {
        public String describe() {
            return "uart-tcp://" + host + ":" + port;
        }

        public String protocol() {
            return "4e57";
        }

        public Link open(Duration t) throws IOException {
            return TcpLink.connect(host, port, (int) t.toMillis(), 50);
        }
    }

    /** 4E57 on a serial port (RS485 or TTL adapter). */
    public record Serial(String device) implements Target {
        public String describe() {
            return "serial:" + device;
        }

        public String protocol() {
            return "4e57";
        }

        public Link open(Duration t) throws IOException {
            return SerialLink.open(device, SerialLink.JK_BAUD, 50);
        }
    }

    /** JK02 over Bluetooth LE through BlueZ. */
    public record Ble(String mac) implements Target {
        public String describe() {
            return "ble:" + mac;
        }

        public String protocol() {
            return "jk02";
        }

        public Link open(Duration t) throws IOException {
            return new BleLink(BluezGatt.connect(mac, t.plusSeconds(5)), 50);
        }
    }

    /**
     * Parses {@code tcp://HOST:PORT}, {@code uart-tcp://HOST:PORT}, {@code serial:/dev/ttyUSB0} or {@code ble:MAC}.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public static Target parse(String spec) {
        String s = spec.trim();
        String forms = " (tcp://HOST:PORT, uart-tcp://HOST:PORT, serial:/dev/ttyUSB0 or ble:AA:BB:CC:DD:EE:FF)";
        try {
            if (s.startsWith("tcp://")) {
                InetSocketAddress a = TcpLink.parse(s.substring(6));
                return new Tcp(a.getHostString(), a.getPort());
            }
            if (s.startsWith("uart-tcp://")) {
                InetSocketAddress a = TcpLink.parse(s.substring(11));
                return new UartTcp(a.getHostString(), a.getPort());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--connect " + spec + ": " + e.getMessage() + forms);
        }
        if (s.startsWith("serial:") && s.length() > 7) {
            return new Serial(s.substring(7));
        }
        if (s.startsWith("ble:") && s.substring(4).matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            return new Ble(s.substring(4).toUpperCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("--connect " + spec + ": not a board address" + forms);
    }

    private final Target target;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    /** Read and written on the follow thread only. */
    private final StatusEvents implied = new StatusEvents();
    /** One conversation with the board at a time: the follower's reads and the app's writes. */
    private final ReentrantLock io = new ReentrantLock();
    private final Thread thread;
    private volatile boolean closed;
    private volatile BmsClient client;
    private volatile BoardInfo info;
    /** Parsed once per connection from what the board reports. */
    private volatile BoardModel model = FALLBACK_MODEL;
    private volatile SettingsPatch reported = SettingsPatch.builder().build();
    private volatile StatusView latest;
    private volatile long connects;
    private volatile LinkDiagnostics lastDiagnostics;

    private RemoteDevice(Target target) {
        this.target = target;
        this.latest = StatusView.none("board", "connecting to " + target.describe());
        this.thread = new Thread(this::follow, "jkbms-board " + target.describe());
        thread.setDaemon(true);
    }

    /** Starts following the board; it is offline until the first connection succeeds. */
    public static RemoteDevice start(Target target) {
        RemoteDevice d = new RemoteDevice(target);
        d.thread.start();
        return d;
    }

    private void follow() {
        long backoff = BACKOFF_MIN_ms;
        while (!closed) {
            try {
                connect();
                backoff = BACKOFF_MIN_ms;
                long lastSeen = -1;
                while (!closed) {
                    BoardStatus s = locked(c -> c.status());
                    if (s.received_ms() != lastSeen) {
                        lastSeen = s.received_ms();
                        StatusView v = view(s);
                        latest = v;
                        List<EventView> events = implied.next(v);
                        listeners.forEach(l -> {
                            l.onStatus(v);
                            l.onReading(v);
                            events.forEach(l::onEvent);
                        });
                    }
                    Thread.sleep(POLL_ms);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                disconnect(reason(e));
            }
            sleep(backoff);
            backoff = Math.min(BACKOFF_MAX_ms, backoff * 2);
        }
    }

    private void connect() throws IOException {
        Link link = target.open(TIMEOUT);
        BmsClient c;
        try {
            c = BmsClient.open(target.protocol(), link, TIMEOUT);
            info = c.info();
            model = modelOf(info);
            reported = c.settings();
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
        connects++;
        client = c;
    }

    private void disconnect(String why) {
        BmsClient c = client;
        client = null;
        if (c != null) {
            lastDiagnostics = c.diagnostics();
            try {
                c.close();
            } catch (IOException ignored) {
                // already failed
            }
        }
        StatusView off = latest.offline(why);
        latest = off;
        listeners.forEach(l -> l.onStatus(off));
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private interface ClientCall<T> {
        T call(BmsClient c) throws IOException;
    }

    private <T> T locked(ClientCall<T> call) throws IOException {
        BmsClient c = client;
        if (c == null) {
            throw new IOException("not connected");
        }
        io.lock();
        try {
            return call.call(c);
        } finally {
            io.unlock();
        }
    }

    private BmsClient online() throws DeviceException {
        BmsClient c = client;
        if (c == null) {
            throw new DeviceException(DeviceException.Kind.OFFLINE, "the board is offline: " + latest.reason());
        }
        return c;
    }

    StatusView view(BoardStatus s) {
        return StatusViews.of(s, "board");
    }

    @Override
    public String source() {
        return "board";
    }

    @Override
    public StatusView status() {
        return latest;
    }

    @Override
    public DeviceView device() {
        BoardInfo i = info;
        BmsClient c = client;
        LinkDiagnostics d = c != null ? c.diagnostics() : lastDiagnostics;
        DeviceView.Link link = d == null ? new DeviceView.Link(target.describe(), 0, 0, 0, 0, connects)
                : new DeviceView.Link(d.endpoint(), d.framesGood(), d.checksumErrors(), d.bytesSkipped(), d.timeouts(), connects);
        StatusView s = latest;
        return new DeviceView(source(), c != null, s.reason(), i == null ? "" : i.model(),
                i == null ? "" : i.hardwareVersion(), i == null ? "" : i.softwareVersion(), i == null ? "" : i.serial(),
                target.protocol(), i == null ? "" : i.layout(), s.runtime_s(), 0, DeviceView.functionsOf(model), link);
    }

    /** The model the board reports; a name this app does not know is served as a plain 24S board. */
    @Override
    public BoardModel model() {
        return model;
    }

    private static BoardModel modelOf(BoardInfo i) {
        try {
            return BoardModel.parse(i.model().trim());
        } catch (IllegalArgumentException e) {
            // some firmware reports a shortened or custom name
            return FALLBACK_MODEL;
        }
    }

    @Override
    public Map<String, Object> settings() throws DeviceException {
        online();
        return reported.toNamedValues();
    }

    @Override
    public Settings currentSettings() throws DeviceException {
        online();
        SettingsPatch p = reported;
        Integer chem = p.values().get(SettingKey.BATTERY_TYPE);
        Chemistry c = chem == null || chem < 0 || chem >= Chemistry.values().length ? Chemistry.LFP : Chemistry.values()[chem];
        return Presets.forChemistry(c).with(p);
    }

    @Override
    public Set<SettingKey> writable() {
        BoardModel m = model;
        Set<SettingKey> keys = EnumSet.noneOf(SettingKey.class);
        for (SettingKey k : reported.values().keySet()) {
            if (DeviceView.fits(k, m)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /**
     * The protocols write one setting at a time, so a change is validated whole first; if the board then refuses or
     * does not confirm one, the ones already written are put back, so it is never left half-applied.
     */
    @Override
    public Map<SettingKey, Integer> apply(SettingsPatch patch, String who) throws DeviceException {
        Settings current = currentSettings();
        SettingsValidator.apply(model(), current, patch);
        Map<SettingKey, Integer> written = new LinkedHashMap<>();
        try {
            for (Map.Entry<SettingKey, Integer> e : patch.values().entrySet()) {
                locked(c -> {
                    c.set(e.getKey(), e.getValue());
                    return null;
                });
                written.put(e.getKey(), e.getValue());
            }
        } catch (IOException | IllegalArgumentException e) {
            String undo = undo(written, current);
            DeviceException.Kind kind = e instanceof ConfirmationException ? DeviceException.Kind.TIMEOUT
                    : e instanceof IllegalArgumentException ? DeviceException.Kind.UNSUPPORTED : DeviceException.Kind.OFFLINE;
            throw new DeviceException(kind, reason(e) + undo, e);
        }
        try {
            reported = locked(BmsClient::settings);
        } catch (IOException e) {
            SettingsPatch.Builder b = SettingsPatch.builder().setAll(reported);
            written.forEach(b::set);
            reported = b.build();
        }
        Map<SettingKey, Integer> readBack = new LinkedHashMap<>();
        for (SettingKey k : patch.values().keySet()) {
            readBack.put(k, reported.values().getOrDefault(k, patch.values().get(k)));
        }
        return readBack;
    }

    private String undo(Map<SettingKey, Integer> written, Settings before) {
        if (written.isEmpty()) {
            return "; nothing was changed";
        }
        List<String> failed = new ArrayList<>();
        for (SettingKey k : written.keySet()) {
            try {
                locked(c -> {
                    c.set(k, before.get(k));
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                failed.add(k.jsonName());
            }
        }
        return failed.isEmpty() ? "; the settings already written were put back"
                : "; could not put back " + String.join(", ", failed) + " (check them on the board)";
    }

    @Override
    public void command(DeviceCommand command, String who) throws DeviceException {
        online();
        try {
            locked(c -> {
                c.command(command);
                return null;
            });
        } catch (IllegalArgumentException e) {
            // The protocol cannot carry it (e.g. emergency over 4E57): said in the message, nothing was sent.
            throw new DeviceException(DeviceException.Kind.UNSUPPORTED, e.getMessage(), e);
        } catch (ConfirmationException e) {
            throw new DeviceException(DeviceException.Kind.TIMEOUT, reason(e), e);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Kind.OFFLINE, reason(e), e);
        }
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Optional<TwinPanel> twin() {
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        BmsClient c = client;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
