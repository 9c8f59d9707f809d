package io.jkbms.firmware.power;

/** What woke the board (guide: charge activation, button activation, display activation). */
public enum WakeSource {
    POWER_UP("first power-up"),
    CHARGER("charger at least 2 V above the pack"),
    BUTTON("activation button"),
    DISPLAY("display activation"),
    COMMAND("wake command on the communication port");

    private final String words;

    WakeSource(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
