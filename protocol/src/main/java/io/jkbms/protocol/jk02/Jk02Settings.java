package io.jkbms.protocol.jk02;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Settings frame, type 0x01 (protocols.md §1.8). Registers 0x01..0x20 are held as the frame holds them: one 32-bit
 * value each, in register order, read through {@link #value(Jk02Register)} or the named accessors. Temperature
 * registers (0x14..0x1B) are signed, the rest unsigned. Unknown bytes (24S 142–157 and 254–298; 32S 278–281, 287–295,
 * 298) are not kept: they encode as 0.
 *
 * @param registers          the 32 values of registers 0x01..0x20 (index = register − 1), in wire units
 * @param wireResistance_mOhm one entry per cell slot: 24 on 24S (offset 158 + 4i), 32 on 32S (142 + 4i)
 * @param only32S            present exactly when {@code layout} is {@link Jk02Layout#JK02_32S}
 */
public record Jk02Settings(
        Jk02Layout layout,
        int counter,
        List<Long> registers,
        long scpDelay_us,
        long balanceStart_mV,
        List<Long> wireResistance_mOhm,
        Optional<Extra32S> only32S) implements Jk02Frame {

    static final int SCP_DELAY = 134, BALANCE_START = 138, WIRES_24S = 158, WIRES_32S = 142;
    static final int ADDRESS_32S = 270, PRECHARGE_32S = 274, CONTROL_BITS_32S = 282, HEATING_START_32S = 284,
            HEATING_STOP_32S = 285, SLEEP_DELAY_32S = 286, DISCHARGE_UTP_32S = 296, DISCHARGE_UTPR_32S = 297;

    /**
     * The 32S additions.
     *
     * @param address       device address (u32 at 270; the board uses the first byte)
     * @param controlBits   u16 at 282; see the {@code CONTROL_*} bit numbers
     * @param heatingStart_C whole °C, int8 (the wire unit of register 0x37)
     * @param sleepDelay_h  u8 at 286
     */
    public record Extra32S(long address, long prechargeTime_s, int controlBits, int heatingStart_C, int heatingStop_C,
                           int sleepDelay_h, int dischargeUtp_C, int dischargeUtpr_C) {
        public static final Extra32S ZERO = new Extra32S(0, 0, 0, 0, 0, 0, 0, 0);

        // Control bits at offset 282 (protocols.md §1.8).
        public static final int CONTROL_HEATING = 0, CONTROL_DISABLE_TEMP_SENSORS = 1, CONTROL_GPS_HEARTBEAT = 2,
                CONTROL_RS485 = 3, CONTROL_DISPLAY_ON = 4, CONTROL_SPECIAL_CHARGER = 5, CONTROL_SMART_SLEEP = 6,
                CONTROL_DISABLE_PCL = 7, CONTROL_TIMED_DATA = 8, CONTROL_FLOAT_MODE = 9, CONTROL_EMERGENCY_BUTTON = 10,
                CONTROL_DRY_INTERMITTENT = 11, CONTROL_DOCP2 = 12, CONTROL_DOCP3 = 13, CONTROL_GPS_LOCK_CHARGE = 14,
                CONTROL_GPS_LOCK_DISCHARGE = 15;

        public Extra32S {
            Le.u32("address", address);
            Le.u32("prechargeTime_s", prechargeTime_s);
            Le.u16("controlBits", controlBits);
            Le.s8("heatingStart_C", heatingStart_C);
            Le.s8("heatingStop_C", heatingStop_C);
            Le.u8("sleepDelay_h", sleepDelay_h);
            Le.s8("dischargeUtp_C", dischargeUtp_C);
            Le.s8("dischargeUtpr_C", dischargeUtpr_C);
        }

        public boolean control(int bit) {
            return (controlBits >>> bit & 1) != 0;
        }
    }

    public Jk02Settings {
        Le.u8("counter", counter);
        registers = List.copyOf(registers);
        if (registers.size() != Jk02Register.FRAME_REGISTERS) {
            throw new IllegalArgumentException("a settings frame carries " + Jk02Register.FRAME_REGISTERS
                    + " register values (0x01..0x20), not " + registers.size());
        }
        for (Jk02Register r : Jk02Register.settingsFrameRegisters()) {
            long v = registers.get(r.ordinal());
            if (r.signed() ? v < Integer.MIN_VALUE || v > Integer.MAX_VALUE : v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(r + " = " + v + " does not fit its " + (r.signed() ? "signed" : "unsigned")
                        + " 32-bit field");
            }
        }
        Le.u32("scpDelay_us", scpDelay_us);
        Le.u32("balanceStart_mV", balanceStart_mV);
        wireResistance_mOhm = List.copyOf(wireResistance_mOhm);
        if (wireResistance_mOhm.size() != layout.cellSlots()) {
            throw new IllegalArgumentException("a " + layout + " settings frame has " + layout.cellSlots()
                    + " wire resistances, not " + wireResistance_mOhm.size());
        }
        for (int i = 0; i < wireResistance_mOhm.size(); i++) {
            Le.u32("wireResistance_mOhm[" + (i + 1) + "]", wireResistance_mOhm.get(i));
        }
        if (only32S.isPresent() != (layout == Jk02Layout.JK02_32S)) {
            throw new IllegalArgumentException("a " + layout + " settings frame " + (only32S.isPresent()
                    ? "has no 32S fields" : "needs its 32S fields (use Extra32S.ZERO)"));
        }
    }

    @Override
    public int type() {
        return TYPE_SETTINGS;
    }

    /** The value of register 0x01..0x20, in wire units (sign-extended for temperatures). */
    public long value(Jk02Register register) {
        if (!register.inSettingsFrame()) {
            throw new IllegalArgumentException(register + " is not one of registers 0x01..0x20");
        }
        return registers.get(register.ordinal());
    }

    public Jk02Settings withCounter(int counter) {
        return new Jk02Settings(layout, counter, registers, scpDelay_us, balanceStart_mV, wireResistance_mOhm, only32S);
    }

    public long smartSleep_mV() { return value(Jk02Register.SMART_SLEEP_VOLTAGE); }
    public long cellUvp_mV() { return value(Jk02Register.CELL_UVP); }
    public long cellUvpr_mV() { return value(Jk02Register.CELL_UVPR); }
    public long cellOvp_mV() { return value(Jk02Register.CELL_OVP); }
    public long cellOvpr_mV() { return value(Jk02Register.CELL_OVPR); }
    public long balanceTrigger_mV() { return value(Jk02Register.BALANCE_TRIGGER); }
    public long soc100_mV() { return value(Jk02Register.SOC100_VOLTAGE); }
    public long soc0_mV() { return value(Jk02Register.SOC0_VOLTAGE); }
    public long rcv_mV() { return value(Jk02Register.RCV); }
    public long rfv_mV() { return value(Jk02Register.RFV); }
    public long powerOff_mV() { return value(Jk02Register.POWER_OFF_VOLTAGE); }
    public long chargeOcp_mA() { return value(Jk02Register.CHARGE_OCP); }
    public long chargeOcpDelay_s() { return value(Jk02Register.CHARGE_OCP_DELAY); }
    public long chargeOcpRecovery_s() { return value(Jk02Register.CHARGE_OCP_RECOVERY); }
    public long dischargeOcp_mA() { return value(Jk02Register.DISCHARGE_OCP); }
    public long dischargeOcpDelay_s() { return value(Jk02Register.DISCHARGE_OCP_DELAY); }
    public long dischargeOcpRecovery_s() { return value(Jk02Register.DISCHARGE_OCP_RECOVERY); }
    public long scpRecovery_s() { return value(Jk02Register.SCP_RECOVERY); }
    public long balanceMax_mA() { return value(Jk02Register.BALANCE_MAX_CURRENT); }
    public long chargeOtp_dC() { return value(Jk02Register.CHARGE_OTP); }
    public long chargeOtpr_dC() { return value(Jk02Register.CHARGE_OTPR); }
    public long dischargeOtp_dC() { return value(Jk02Register.DISCHARGE_OTP); }
    public long dischargeOtpr_dC() { return value(Jk02Register.DISCHARGE_OTPR); }
    public long chargeUtp_dC() { return value(Jk02Register.CHARGE_UTP); }
    public long chargeUtpr_dC() { return value(Jk02Register.CHARGE_UTPR); }
    public long mosOtp_dC() { return value(Jk02Register.MOS_OTP); }
    public long mosOtpr_dC() { return value(Jk02Register.MOS_OTPR); }
    public long cellCount() { return value(Jk02Register.CELL_COUNT); }
    public long chargeSwitch() { return value(Jk02Register.CHARGE_SWITCH); }
    public long dischargeSwitch() { return value(Jk02Register.DISCHARGE_SWITCH); }
    public long balancerSwitch() { return value(Jk02Register.BALANCER_SWITCH); }
    public long capacity_mAh() { return value(Jk02Register.CAPACITY); }

    public static Builder builder(Jk02Layout layout) {
        return new Builder(layout);
    }

    /** Collects a settings frame; everything starts at 0 (and the 32S extras at {@link Extra32S#ZERO}). */
    public static final class Builder {
        private final Jk02Layout layout;
        private int counter;
        private final List<Long> registers = new ArrayList<>(Collections.nCopies(Jk02Register.FRAME_REGISTERS, 0L));
        private long scpDelay_us;
        private long balanceStart_mV;
        private final List<Long> wires;
        private Extra32S extra = Extra32S.ZERO;

        private Builder(Jk02Layout layout) {
            this.layout = layout;
            this.wires = new ArrayList<>(Collections.nCopies(layout.cellSlots(), 0L));
        }

        public Builder counter(int counter) {
            this.counter = counter;
            return this;
        }

        public Builder set(Jk02Register register, long wireValue) {
            if (!register.inSettingsFrame()) {
                throw new IllegalArgumentException(register + " is not one of registers 0x01..0x20");
            }
            registers.set(register.ordinal(), wireValue);
            return this;
        }

        public Builder scpDelay_us(long v) {
            scpDelay_us = v;
            return this;
        }

        public Builder balanceStart_mV(long v) {
            balanceStart_mV = v;
            return this;
        }

        /** Wire resistance of a 1-based channel. */
        public Builder wireResistance_mOhm(int channel, long v) {
            wires.set(channel - 1, v);
            return this;
        }

        public Builder only32S(Extra32S e) {
            if (layout != Jk02Layout.JK02_32S) {
                throw new IllegalArgumentException("a " + layout + " settings frame has no 32S fields");
            }
            extra = e;
            return this;
        }

        public Jk02Settings build() {
            return new Jk02Settings(layout, counter, registers, scpDelay_us, balanceStart_mV, wires,
                    layout == Jk02Layout.JK02_32S ? Optional.of(extra) : Optional.empty());
        }
    }
}
