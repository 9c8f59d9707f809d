package io.jkbms.link.ble;

import com.github.hypfvieh.bluetooth.DeviceManager;
import com.github.hypfvieh.bluetooth.wrapper.BluetoothDevice;
import com.github.hypfvieh.bluetooth.wrapper.BluetoothGattCharacteristic;
import com.github.hypfvieh.bluetooth.wrapper.BluetoothGattService;
import io.jkbms.link.LinkException;
import org.freedesktop.dbus.handlers.AbstractPropertiesChangedHandler;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link BleGatt} on Linux through BlueZ's D-Bus API (bluez-dbus). Connects to the board by address, finds service
 * FFE0 and its FFE1 characteristics — on new modules two of them, one to write and one to notify (protocols.md §1.1) —
 * subscribes to notifications and writes without response. Needs a running bluetoothd and permission on the system
 * bus; every failure says which step failed.
 */
public final class BluezGatt implements BleGatt {
    static final String SERVICE = "0000ffe0-0000-1000-8000-00805f9b34fb";
    static final String CHARACTERISTIC = "0000ffe1-0000-1000-8000-00805f9b34fb";

    private final String mac;
    private final DeviceManager manager;
    private final BluetoothDevice device;
    private final BluetoothGattCharacteristic writeChar;
    private final BluetoothGattCharacteristic notifyChar;
    private volatile Consumer<byte[]> sink = b -> { };
    private volatile Consumer<String> disconnected = r -> { };
    private final java.util.concurrent.atomic.AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();
    private final AbstractPropertiesChangedHandler handler;

    private BluezGatt(String mac, DeviceManager manager, BluetoothDevice device, BluetoothGattCharacteristic writeChar,
                      BluetoothGattCharacteristic notifyChar) {
        this.mac = mac;
        this.manager = manager;
        this.device = device;
        this.writeChar = writeChar;
        this.notifyChar = notifyChar;
        String path = notifyChar.getDbusPath();
        String devicePath = device.getDbusPath();
        this.handler = new AbstractPropertiesChangedHandler() {
            @Override
            public void handle(Properties.PropertiesChanged s) {
                if (devicePath.equals(s.getPath())) {
                    // org.bluez.Device1 Connected = false: the link is gone, and no more notifications will come.
                    Variant<?> c = s.getPropertiesChanged().get("Connected");
                    if (c != null && Boolean.FALSE.equals(c.getValue()) && gone.compareAndSet(false, true)) {
                        disconnected.accept("the board disconnected (BlueZ reports Connected = false: out of range, "
                                + "switched off, or taken by another central)");
                    }
                    return;
                }
                if (!path.equals(s.getPath())) {
                    return;
                }
                Variant<?> v = s.getPropertiesChanged().get("Value");
                if (v != null && v.getValue() instanceof byte[] b) {
                    sink.accept(b);
                }
            }
        };
    }

    /** Connects to a board by its address (scanning for it for up to {@code timeout}). */
    public static BluezGatt connect(String mac, Duration timeout) throws LinkException {
        String want = mac.toUpperCase(Locale.ROOT);
        DeviceManager m;
        try {
            m = DeviceManager.createInstance(false);
        } catch (Exception e) {
            throw new LinkException("ble:" + mac + ": cannot reach BlueZ on the system D-Bus (is bluetoothd running?): "
                    + e.getMessage(), e);
        }
        BluetoothDevice connected = null;
        try {
            BluetoothDevice d = m.scanForBluetoothDevices((int) timeout.toMillis()).stream()
                    .filter(x -> want.equals(String.valueOf(x.getAddress()).toUpperCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new LinkException("ble:" + mac + ": not found in a "
                            + timeout.toSeconds() + " s scan (in range? held by the phone app?)"));
            if (!d.connect()) {
                throw new LinkException("ble:" + mac + ": BlueZ could not connect (the board takes one connection at a time)");
            }
            connected = d;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Boolean.TRUE.equals(d.isServicesResolved()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            d.refreshGattServices();
            BluetoothGattService s = d.getGattServiceByUuid(SERVICE);
            if (s == null) {
                throw new LinkException("ble:" + mac + ": no FFE0 service (firmware v19 may need the BlueZ cache cleared)");
            }
            List<BluetoothGattCharacteristic> chars = s.getGattCharacteristics().stream()
                    .filter(c -> CHARACTERISTIC.equalsIgnoreCase(c.getUuid())).toList();
            BluetoothGattCharacteristic notify = chars.stream().filter(c -> c.getFlags().contains("notify")).findFirst()
                    .orElseThrow(() -> new LinkException("ble:" + mac + ": no FFE1 characteristic that notifies"));
            BluetoothGattCharacteristic write = chars.stream().filter(c -> c.getFlags().contains("write-without-response")
                    || c.getFlags().contains("write")).findFirst()
                    .orElseThrow(() -> new LinkException("ble:" + mac + ": no writable FFE1 characteristic"));
            BluezGatt g = new BluezGatt(mac, m, d, write, notify);
            m.registerPropertyHandler(g.handler);
            try {
                notify.startNotify();
            } catch (Exception e) {
                quietly(() -> m.unRegisterPropertyHandler(g.handler));
                throw e;
            }
            return g;
        } catch (Exception e) {
            // The board takes one connection at a time: a half-made one must not lock the phone app out.
            if (connected != null) {
                BluetoothDevice c = connected;
                quietly(c::disconnect);
            }
            m.closeConnection();
            throw e instanceof LinkException le ? le : new LinkException("ble:" + mac + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        try {
            writeChar.writeValue(data, Map.of("type", "command")); // write without response, as the app does
        } catch (Exception e) {
            throw new IOException(describe() + ": write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void onNotification(Consumer<byte[]> sink) {
        this.sink = sink;
    }

    @Override
    public void onDisconnect(Consumer<String> reason) {
        this.disconnected = reason;
    }

    @Override
    public String describe() {
        return "ble:" + mac;
    }

    @Override
    public void close() {
        quietly(notifyChar::stopNotify);
        quietly(() -> manager.unRegisterPropertyHandler(handler));
        quietly(device::disconnect);
        manager.closeConnection();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Each closing step on its own: one failing must not skip the others. */
    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
