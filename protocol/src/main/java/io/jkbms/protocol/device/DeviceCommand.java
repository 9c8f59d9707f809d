package io.jkbms.protocol.device;

/** The commands a board takes besides settings: the APP's control and calibration page. */
public sealed interface DeviceCommand {
    record Emergency(boolean on) implements DeviceCommand {
    }

    record PowerOff() implements DeviceCommand {
    }

    /** Wake a sleeping board (4E57 "activate"). */
    record Wake() implements DeviceCommand {
    }

    record FactoryReset() implements DeviceCommand {
    }

    record CalibratePackVoltage(int measured_mV) implements DeviceCommand {
    }

    record CalibrateCurrent(int measured_mA) implements DeviceCommand {
    }
}
