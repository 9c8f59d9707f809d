package io.jkbms.core.settings;

/** The groups of the APP's parameter page, in the order it shows them. */
public enum SettingGroup {
    BATTERY("Battery"),
    VOLTAGE("Voltage protection"),
    CURRENT("Current protection"),
    TEMPERATURE("Temperature protection"),
    BALANCE("Balancing"),
    SWITCHES("Switches"),
    HEATING("Heating"),
    POWER("Sleep, emergency and power"),
    COMMUNICATION("Communication"),
    GPS("GPS"),
    ALARMS("Alarms");

    private final String title;

    SettingGroup(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
