package io.jkbms.protocol.jk02;

/**
 * A decoded 300-byte JK02 frame from the BMS (protocols.md §1.5): device info (type 0x03), settings (0x01) or cell
 * info (0x02). Every record holds its values in the units of the wire, so {@link Jk02Codec#encode} gives back the same
 * bytes wherever the format is known.
 */
public sealed interface Jk02Frame permits Jk02DeviceInfo, Jk02Settings, Jk02CellInfo {
    int TYPE_SETTINGS = 0x01;
    int TYPE_CELL_INFO = 0x02;
    int TYPE_DEVICE_INFO = 0x03;
    /** The 32S logbook frame (answer to register 0xA1): recognised, not decoded. */
    int TYPE_LOGBOOK = 0x05;

    /** The layout the frame was decoded from, or is to be encoded in. */
    Jk02Layout layout();

    /** Byte 5: counts cell-info frames and wraps at 0xFF; settings and device frames repeat the current value. */
    int counter();

    /** Byte 4. */
    int type();
}
