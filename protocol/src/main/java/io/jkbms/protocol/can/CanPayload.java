package io.jkbms.protocol.can;

/** The decoded content of one broadcast frame; {@link #toFrame} encodes it, {@link CanCodec#decode} reads it back. */
public sealed interface CanPayload
        permits JkBattStatus, JkCellVoltages, JkCellTemperatures, JkAlarmInfo,
        PylonLimits, PylonSocSoh, PylonMeasurements, PylonAlarms, PylonChargeRequest, PylonName {

    CanMessage message();

    CanFrame toFrame();
}
