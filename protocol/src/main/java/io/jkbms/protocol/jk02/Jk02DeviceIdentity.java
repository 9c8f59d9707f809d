package io.jkbms.protocol.jk02;

/**
 * The fixed texts a board reports in its device-info frame: who it is, not how it is doing. With telemetry (uptime,
 * power-on count) and settings (user data, RCV/RFV times) it makes a {@link Jk02DeviceInfo}
 * ({@link Jk02Mapping#deviceInfo}). Widths are those of the frame fields.
 */
public record Jk02DeviceIdentity(String model, String hardwareVersion, String softwareVersion, String name,
                                 String blePasscode, String manufactureDate, String serialNumber, String passcode,
                                 String setupPasscode) {
    public Jk02DeviceIdentity {
        Le.text("model", model, Jk02DeviceInfo.MODEL_LEN);
        Le.text("hardwareVersion", hardwareVersion, Jk02DeviceInfo.HARDWARE_LEN);
        Le.text("softwareVersion", softwareVersion, Jk02DeviceInfo.SOFTWARE_LEN);
        Le.text("name", name, Jk02DeviceInfo.NAME_LEN);
        Le.text("blePasscode", blePasscode, Jk02DeviceInfo.BLE_PASSCODE_LEN);
        Le.text("manufactureDate", manufactureDate, Jk02DeviceInfo.DATE_LEN);
        Le.text("serialNumber", serialNumber, Jk02DeviceInfo.SERIAL_LEN);
        Le.text("passcode", passcode, Jk02DeviceInfo.PASSCODE_LEN);
        Le.text("setupPasscode", setupPasscode, Jk02DeviceInfo.SETUP_PASSCODE_LEN);
    }

    /** The layout this board speaks (from its software version). */
    public Jk02Layout layout() {
        return Jk02Layout.forSoftwareVersion(softwareVersion);
    }

    /** The identity a decoded device-info frame reports. */
    public static Jk02DeviceIdentity of(Jk02DeviceInfo info) {
        return new Jk02DeviceIdentity(info.model(), info.hardwareVersion(), info.softwareVersion(), info.name(),
                info.blePasscode(), info.manufactureDate(), info.serialNumber(), info.passcode(), info.setupPasscode());
    }
}
