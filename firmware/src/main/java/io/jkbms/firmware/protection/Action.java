package io.jkbms.firmware.protection;

/** What a tripped protection does besides raising its alarm. */
public enum Action {
    CHARGE_OFF(true, false),
    DISCHARGE_OFF(false, true),
    BOTH_OFF(true, true),
    /** Blocks balancing only. */
    BALANCE_OFF(false, false),
    /** Shuts the board down (auto shutdown). */
    SHUTDOWN(true, true),
    ALARM_ONLY(false, false);

    private final boolean blocksCharge;
    private final boolean blocksDischarge;

    Action(boolean blocksCharge, boolean blocksDischarge) {
        this.blocksCharge = blocksCharge;
        this.blocksDischarge = blocksDischarge;
    }

    public boolean blocksCharge() {
        return blocksCharge;
    }

    public boolean blocksDischarge() {
        return blocksDischarge;
    }
}
