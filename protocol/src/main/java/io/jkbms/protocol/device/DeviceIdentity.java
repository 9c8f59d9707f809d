package io.jkbms.protocol.device;

/**
 * Who a board says it is, as its device-info frame carries it (JK02 frame 0x03; 4E57 ids B4/B5/B7/BA).
 *
 * @param date manufacture date as JK writes it, "YYMMDD"
 */
public record DeviceIdentity(String model, String hardwareVersion, String softwareVersion, String serial, String name,
                             String passcode, String date, String userData, long uptime_s, int powerOnCount) {
}
