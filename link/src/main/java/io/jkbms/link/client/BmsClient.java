package io.jkbms.link.client;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.link.Link;

import java.io.IOException;
import java.time.Duration;

/**
 * A client of a real (or twin) JK board over any {@link Link}: reads who it is, its settings and live status, and
 * writes a setting or switch, confirming it by reading it back. Two implementations: {@link Jk02Client} (the BLE
 * protocol, as a BLE-TCP bridge or a BLE link carries it) and {@link UartClient} (4E57 over RS485/TTL or a gateway).
 */
public interface BmsClient extends AutoCloseable {
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    BoardInfo info() throws IOException;

    /** The board's settings, as far as the protocol carries them (JSON names via {@link SettingsPatch#toNamedValues}). */
    SettingsPatch settings() throws IOException;

    /** The latest live reading (waits for one if none has arrived yet). */
    BoardStatus status() throws IOException;

    /**
     * Writes one setting (switches are settings: charge_enabled, ...) and waits until the board reports the new value.
     *
     * @throws ConfirmationException naming the setting when the board does not confirm within the timeout (it refused
     *                               the value, or did not answer)
     */
    void set(SettingKey key, int value) throws IOException;

    LinkDiagnostics diagnostics();

    @Override
    void close() throws IOException;

    /** Picks the client for a protocol name: "jk02" or "4e57". */
    static BmsClient open(String protocol, Link link, Duration timeout) throws IOException {
        switch (protocol) {
            case "jk02":
                return Jk02Client.connect(link, timeout);
            case "4e57":
                return UartClient.connect(link, timeout);
            default:
                throw new IllegalArgumentException("unknown protocol '" + protocol + "' (jk02 or 4e57)");
        }
    }
}
