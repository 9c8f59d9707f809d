package io.jkbms.protocol.jk02;

import java.util.Optional;

/**
 * Device-info frame, type 0x03 (protocols.md §1.8). Texts are C strings (up to the first NUL of their field), which is
 * how every client reads them; a field filled to its last byte has no NUL (the 32S serial number does this).
 *
 * @param only32S present exactly when {@code layout} is {@link Jk02Layout#JK02_32S}; on 24S those bytes are 0
 */
public record Jk02DeviceInfo(
        Jk02Layout layout,
        int counter,
        String model,
        String hardwareVersion,
        String softwareVersion,
        long uptime_s,
        long powerOnCount,
        String name,
        String blePasscode,
        String manufactureDate,
        String serialNumber,
        String passcode,
        String userData,
        String setupPasscode,
        Optional<Extra32S> only32S) implements Jk02Frame {

    // Offset and width of each text field.
    static final int MODEL = 6, MODEL_LEN = 16;
    static final int HARDWARE = 22, HARDWARE_LEN = 8;
    static final int SOFTWARE = 30, SOFTWARE_LEN = 8;
    static final int UPTIME = 38, POWER_ON_COUNT = 42;
    static final int NAME = 46, NAME_LEN = 16;
    static final int BLE_PASSCODE = 62, BLE_PASSCODE_LEN = 16;
    static final int DATE = 78, DATE_LEN = 8;
    static final int SERIAL = 86, SERIAL_LEN = 11;
    static final int PASSCODE = 97, PASSCODE_LEN = 5;
    static final int USER_DATA = 102, USER_DATA_LEN = 16;
    static final int SETUP_PASSCODE = 118, SETUP_PASSCODE_LEN = 16;
    static final int UART_PROTOCOL_32S = 184, CAN_PROTOCOL_32S = 185, RCV_TIME_32S = 266, RFV_TIME_32S = 267;

    /**
     * The 32S additions. The protocol numbers select inverter protocols; their numbering is not documented, so they
     * are carried as the bytes they are.
     */
    public record Extra32S(int uartProtocol, int canProtocol, int rcvTime_dh, int rfvTime_dh) {
        public static final Extra32S ZERO = new Extra32S(0, 0, 0, 0);

        public Extra32S {
            Le.u8("uartProtocol", uartProtocol);
            Le.u8("canProtocol", canProtocol);
            Le.u8("rcvTime_dh", rcvTime_dh);
            Le.u8("rfvTime_dh", rfvTime_dh);
        }
    }

    public Jk02DeviceInfo {
        Le.u8("counter", counter);
        Le.text("model", model, MODEL_LEN);
        Le.text("hardwareVersion", hardwareVersion, HARDWARE_LEN);
        Le.text("softwareVersion", softwareVersion, SOFTWARE_LEN);
        Le.u32("uptime_s", uptime_s);
        Le.u32("powerOnCount", powerOnCount);
        Le.text("name", name, NAME_LEN);
        Le.text("blePasscode", blePasscode, BLE_PASSCODE_LEN);
        Le.text("manufactureDate", manufactureDate, DATE_LEN);
        Le.text("serialNumber", serialNumber, SERIAL_LEN);
        Le.text("passcode", passcode, PASSCODE_LEN);
        Le.text("userData", userData, USER_DATA_LEN);
        Le.text("setupPasscode", setupPasscode, SETUP_PASSCODE_LEN);
        if (only32S.isPresent() != (layout == Jk02Layout.JK02_32S)) {
            throw new IllegalArgumentException("a " + layout + " device-info frame " + (only32S.isPresent()
                    ? "has no 32S fields" : "needs its 32S fields (use Extra32S.ZERO)"));
        }
    }

    @Override
    public int type() {
        return TYPE_DEVICE_INFO;
    }

    /** The same frame with another counter. */
    public Jk02DeviceInfo withCounter(int counter) {
        return new Jk02DeviceInfo(layout, counter, model, hardwareVersion, softwareVersion, uptime_s, powerOnCount, name,
                blePasscode, manufactureDate, serialNumber, passcode, userData, setupPasscode, only32S);
    }
}
