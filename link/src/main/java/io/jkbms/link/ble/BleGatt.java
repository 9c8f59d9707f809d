package io.jkbms.link.ble;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The BLE-specific part of a JK board link: its GATT characteristic FFE1 (service FFE0). Commands are written to it
 * (without response), frames come back as notifications, in pieces of whatever size the module sends (128+128+44,
 * 150+150, ...). Everything above it — the JK02 session, reassembly, the client — is the same code as over TCP.
 */
public interface BleGatt extends AutoCloseable {
    /** Writes one command (20 bytes for JK02). */
    void write(byte[] data) throws IOException;

    /** Where notifications go, one call per notification, on the BLE stack's thread. */
    void onNotification(Consumer<byte[]> sink);

    /**
     * Where to report that the connection is gone (the board walked out of range, was switched off, or the phone app
     * took it), with the reason in words; called at most once, on the BLE stack's thread. A GATT that cannot tell
     * keeps the default, which never calls it.
     */
    default void onDisconnect(Consumer<String> reason) {
    }

    /** "ble:C8:47:8C:…". */
    String describe();

    @Override
    void close() throws IOException;
}
