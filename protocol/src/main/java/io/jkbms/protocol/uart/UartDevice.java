package io.jkbms.protocol.uart;

import io.jkbms.core.board.BoardModel;

/**
 * What a 4E57 reply carries beyond {@code Telemetry} and {@code Settings}: identity texts and the JK parameters the
 * BD4A does not have (box temperature limits, current calibration, sleep waiting time, dedicated charger, GPS
 * voltages). {@link #CAPTURED} holds the values of the captured reply (vectors/UART_13S_V10); {@link #forBoard} the
 * twin's defaults. Writes of these identifiers change a copy ({@link #with}).
 *
 * @param password             0xB2, at most 10 Latin-1 characters
 * @param deviceId             0xB4, at most 8
 * @param manufactureDate      0xB5, "YYMM"
 * @param softwareVersion      0xB7, at most 15
 * @param manufacturer         0xBA, at most 24 (JK: user data, then the model)
 * @param boxOtp_C             0xA0
 * @param boxOtpr_C            0xA1
 * @param temperatureDelta_C   0xA2
 * @param currentCalibration_mA 0xAD
 * @param sleepWait_s          0xB0
 * @param dedicatedCharger     0xB3
 * @param gpsOff_mV            0xBE (write-only on JK; we keep what was written)
 * @param gpsOn_mV             0xBF
 * @param protocolVersion      0xC0: 1 gives 0x84 its sign bit
 */
public record UartDevice(String password, String deviceId, String manufactureDate, String softwareVersion,
                         String manufacturer, int boxOtp_C, int boxOtpr_C, int temperatureDelta_C,
                         int currentCalibration_mA, int sleepWait_s, boolean dedicatedCharger, int gpsOff_mV,
                         int gpsOn_mV, int protocolVersion) {

    /** The device part of the captured JK-B2A24S15P reply (sw 10.07). */
    public static final UartDevice CAPTURED = new UartDevice("123456", "Input Us", "2204", "10.XW_S10.07___",
            "Input UserdaJK-B2A24S15P", 100, 100, 20, 1070, 10, false, 0, 0, 1);

    /** The twin's software version text: JK's layout ("10.XW_S10.07___") with the 11.x line BD4A boards run. */
    public static final String TWIN_SOFTWARE_VERSION = "11.XW_S11.28___";

    public UartDevice {
        new UartValue.Text(UartId.PASSWORD, password);
        new UartValue.Text(UartId.DEVICE_ID, deviceId);
        new UartValue.Text(UartId.MANUFACTURE_DATE, manufactureDate);
        new UartValue.Text(UartId.SOFTWARE_VERSION, softwareVersion);
        new UartValue.Text(UartId.MANUFACTURER, manufacturer);
        new UartValue.Num(UartId.BOX_OTP, boxOtp_C);
        new UartValue.Num(UartId.BOX_OTPR, boxOtpr_C);
        new UartValue.Num(UartId.TEMPERATURE_DELTA, temperatureDelta_C);
        new UartValue.Num(UartId.CURRENT_CALIBRATION, currentCalibration_mA);
        new UartValue.Num(UartId.SLEEP_WAIT, sleepWait_s);
        new UartValue.Num(UartId.GPS_OFF_VOLTAGE, gpsOff_mV);
        new UartValue.Num(UartId.GPS_ON_VOLTAGE, gpsOn_mV);
        new UartValue.Num(UartId.PROTOCOL_VERSION, protocolVersion);
    }

    /**
     * The twin's device part for a model and the user data: JK's layout, where 0xB4 is the first 8 characters of the
     * user data and 0xBA the user data cut to fit, then the model name; other values as captured; protocol version 1.
     */
    public static UartDevice forBoard(BoardModel model, String userData, String manufactureDate) {
        String name = model.name();
        int room = Math.max(0, UartId.MANUFACTURER.width() - name.length());
        String user = (userData + " ".repeat(room)).substring(0, room);
        String id = strip(userData.substring(0, Math.min(userData.length(), UartId.DEVICE_ID.width())));
        return new UartDevice(CAPTURED.password, id, manufactureDate, TWIN_SOFTWARE_VERSION,
                (user + name).substring(0, Math.min(UartId.MANUFACTURER.width(), room + name.length())),
                CAPTURED.boxOtp_C, CAPTURED.boxOtpr_C, CAPTURED.temperatureDelta_C, CAPTURED.currentCalibration_mA,
                CAPTURED.sleepWait_s, false, 0, 0, UartQuantities.SIGNED_CURRENT_VERSION);
    }

    /** The same device reporting another software version text (0xB7, 15 characters as JK writes it). */
    public UartDevice withSoftwareVersion(String text) {
        return new UartDevice(password, deviceId, manufactureDate, text, manufacturer, boxOtp_C, boxOtpr_C,
                temperatureDelta_C, currentCalibration_mA, sleepWait_s, dedicatedCharger, gpsOff_mV, gpsOn_mV,
                protocolVersion);
    }

    private static String strip(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Whether a write of this identifier changes a field held here. */
    public static boolean holds(UartId id) {
        switch (id) {
            case PASSWORD: case BOX_OTP: case BOX_OTPR: case TEMPERATURE_DELTA: case CURRENT_CALIBRATION:
            case SLEEP_WAIT: case DEDICATED_CHARGER: case GPS_OFF_VOLTAGE: case GPS_ON_VOLTAGE:
                return true;
            default:
                return false;
        }
    }

    /**
     * A copy with a written value applied.
     *
     * @throws IllegalArgumentException if {@link #holds} is false for the value's identifier
     */
    public UartDevice with(UartValue value) {
        String text = value instanceof UartValue.Text t ? t.text() : "";
        int n = value instanceof UartValue.Num num ? (int) num.raw() : 0;
        switch (value.id()) {
            case PASSWORD:
                return new UartDevice(text, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        boxOtpr_C, temperatureDelta_C, currentCalibration_mA, sleepWait_s, dedicatedCharger, gpsOff_mV,
                        gpsOn_mV, protocolVersion);
            case BOX_OTP:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, n,
                        boxOtpr_C, temperatureDelta_C, currentCalibration_mA, sleepWait_s, dedicatedCharger, gpsOff_mV,
                        gpsOn_mV, protocolVersion);
            case BOX_OTPR:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        n, temperatureDelta_C, currentCalibration_mA, sleepWait_s, dedicatedCharger, gpsOff_mV,
                        gpsOn_mV, protocolVersion);
            case TEMPERATURE_DELTA:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        boxOtpr_C, n, currentCalibration_mA, sleepWait_s, dedicatedCharger, gpsOff_mV,
                        gpsOn_mV, protocolVersion);
            case CURRENT_CALIBRATION:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        boxOtpr_C, temperatureDelta_C, n, sleepWait_s, dedicatedCharger, gpsOff_mV,
                        gpsOn_mV, protocolVersion);
            case SLEEP_WAIT:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        boxOtpr_C, temperatureDelta_C, currentCalibration_mA, n, dedicatedCharger, gpsOff_mV,
                        gpsOn_mV, protocolVersion);
            case DEDICATED_CHARGER:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        boxOtpr_C, temperatureDelta_C, currentCalibration_mA, sleepWait_s, n != 0, gpsOff_mV,
                        gpsOn_mV, protocolVersion);
            case GPS_OFF_VOLTAGE:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        boxOtpr_C, temperatureDelta_C, currentCalibration_mA, sleepWait_s, dedicatedCharger, n,
                        gpsOn_mV, protocolVersion);
            case GPS_ON_VOLTAGE:
                return new UartDevice(password, deviceId, manufactureDate, softwareVersion, manufacturer, boxOtp_C,
                        boxOtpr_C, temperatureDelta_C, currentCalibration_mA, sleepWait_s, dedicatedCharger, gpsOff_mV,
                        n, protocolVersion);
            default:
                throw new IllegalArgumentException(value.id() + " is not a device parameter");
        }
    }
}
