package io.jkbms.protocol.uart;

/** The 0x8C status bits: b0 charge MOS, b1 discharge MOS, b2 balancer, b3 battery present. */
public record UartStatus(boolean chargeMos, boolean dischargeMos, boolean balancing, boolean batteryPresent) {

    public static UartStatus of(int bits) {
        return new UartStatus((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
    }

    public int bits() {
        return (chargeMos ? 1 : 0) | (dischargeMos ? 2 : 0) | (balancing ? 4 : 0) | (batteryPresent ? 8 : 0);
    }
}
