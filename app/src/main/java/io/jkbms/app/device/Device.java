package io.jkbms.app.device;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.protocol.device.DeviceCommand;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One board the app serves: the twin in this process ({@link TwinDevice}) or a real board through a protocol client
 * ({@link RemoteDevice}). The web app sees only this. Implementations are thread-safe.
 */
public interface Device extends AutoCloseable {
    /** "twin" or "board". */
    String source();

    /** The latest reading; offline (with the reason and the last values) when the board cannot be reached. */
    StatusView status();

    DeviceView device();

    BoardModel model();

    /** The board's settings as it reports them, by JSON name. */
    Map<String, Object> settings() throws DeviceException;

    /**
     * The complete settings a change is validated against: the board's own for the twin; for a real board, what it
     * reports over the chemistry preset for what the protocol does not carry.
     */
    Settings currentSettings() throws DeviceException;

    /** The settings this device can write (the protocol may carry fewer than the board has). */
    Set<SettingKey> writable();

    /**
     * Validates the change as a whole against the current settings, writes it and reads it back.
     *
     * @return each requested setting with the value the board now reports
     * @throws InvalidSettingsException naming every problem; nothing was written
     * @throws DeviceException          offline, not confirmed in time, or refused
     */
    Map<SettingKey, Integer> apply(SettingsPatch patch, String who) throws DeviceException;

    /** Emergency, power off, wake, factory reset, calibration. */
    void command(DeviceCommand command, String who) throws DeviceException;

    void addListener(DeviceListener listener);

    void removeListener(DeviceListener listener);

    /** The twin's panel (charger, load, faults, speed); empty for a real board. */
    Optional<TwinPanel> twin();

    @Override
    void close();
}
