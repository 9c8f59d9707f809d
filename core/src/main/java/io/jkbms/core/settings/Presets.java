package io.jkbms.core.settings;

import io.jkbms.core.board.Chemistry;

import java.util.EnumMap;
import java.util.Map;

import static io.jkbms.core.settings.SettingKey.*;

/**
 * Factory presets per chemistry. Sources, abbreviated in the comments:
 * <ul>
 *   <li><b>guide</b>: the JK-BD4AxxS-12P guide, "Default Protection Parameters" and specifications;</li>
 *   <li><b>uart</b>: the JK board reply in vectors/UART_13S_V10 (a ternary pack on JK firmware 10.07, factory-like values);</li>
 *   <li><b>24S</b>/<b>32S</b>: the captured settings frames vectors/SETTINGS_JK02_24S_V10 and _32S_V15;</li>
 *   <li><b>chosen</b>: our choice where no source gives a value, with the reason.</li>
 * </ul>
 */
public final class Presets {
    private Presets() {
    }

    /** The preset for a chemistry: every setting, valid for both 20S and 24S models. */
    public static Settings forChemistry(Chemistry chemistry) {
        Map<SettingKey, Integer> m = common();
        m.put(BATTERY_TYPE, chemistry.ordinal());
        switch (chemistry) {
            case NCM -> {
                m.put(CELL_COUNT, 13);           // chosen: the common 48 V ternary pack
                m.put(CELL_OVP_mV, 4_200);       // guide
                m.put(CELL_OVPR_mV, 4_100);      // uart: 4.200 / 4.100 V
                m.put(CELL_UVP_mV, 2_820);       // guide
                m.put(CELL_UVPR_mV, 3_100);      // chosen: uart recovers 300 mV above UVP (2.9 -> 3.2 V); 280 mV here
                m.put(POWER_OFF_mV, 2_700);      // chosen: 120 mV below UVP, still above the 2.5 V NCM floor
                m.put(SOC100_mV, 4_150);         // chosen: reached in CV before OVP (4.2 V) trips
                m.put(SOC0_mV, 3_000);           // chosen: NCM rest voltage at a few % SOC (cells.md OCV table)
                m.put(RCV_mV, 4_150);            // chosen: = SOC-100 %, below OVP
                m.put(RFV_mV, 4_050);            // chosen: float a little lower, NCM dislikes sitting full
                m.put(BALANCE_START_mV, 3_300);  // uart: 3.300 V
                m.put(SMART_SLEEP_mV, 2_820);    // chosen: = UVP, so an emptied idle pack stops feeding the board
            }
            case LFP -> {
                m.put(CELL_COUNT, 16);           // chosen: the common 48 V LFP pack
                m.put(CELL_OVP_mV, 3_600);       // guide
                m.put(CELL_OVPR_mV, 3_400);      // 24S: 3.400 V
                m.put(CELL_UVP_mV, 2_600);       // guide
                m.put(CELL_UVPR_mV, 2_900);      // chosen: 32S recovers at 2.999 V; 2.9 V leaves the steep knee
                m.put(POWER_OFF_mV, 2_500);      // 32S: 2.500 V
                m.put(SOC100_mV, 3_450);         // 32S: 3.444 V, on the rise above the plateau
                m.put(SOC0_mV, 2_800);           // 32S: 2.801 V
                m.put(RCV_mV, 3_450);            // 32S: 3.448 V
                m.put(RFV_mV, 3_350);            // 32S: 3.350 V
                m.put(BALANCE_START_mV, 3_000);  // 24S: 3.000 V
                m.put(SMART_SLEEP_mV, 2_600);    // chosen: = UVP
            }
            case LTO -> {
                m.put(CELL_COUNT, 20);           // chosen: valid on both 20S and 24S models (LTO needs >= 14)
                m.put(CELL_OVP_mV, 2_700);       // guide
                m.put(CELL_OVPR_mV, 2_600);      // chosen: 100 mV hysteresis as on NCM
                m.put(CELL_UVP_mV, 1_800);       // guide
                m.put(CELL_UVPR_mV, 2_000);      // chosen: 200 mV above UVP (LTO's curve is steep there)
                m.put(POWER_OFF_mV, 1_700);      // chosen: 100 mV below UVP
                m.put(SOC100_mV, 2_650);         // chosen: between the 95 % OCV (2.51 V) and OVP
                m.put(SOC0_mV, 2_000);           // chosen: the LTO table's 0 % OCV (cells.md)
                m.put(RCV_mV, 2_650);
                m.put(RFV_mV, 2_550);
                m.put(BALANCE_START_mV, 2_200);  // chosen: mid-curve (the 40 % OCV)
                m.put(SMART_SLEEP_mV, 1_800);    // chosen: = UVP
            }
            default -> throw new IllegalStateException();
        }
        return Settings.of(m, new int[Settings.WIRE_CHANNELS], "");
    }

    /** The part of a preset that the APP's one-click chemistry change replaces: voltages only; cell count, capacity,
     *  switches and everything else stay as the user set them. */
    public static SettingsPatch chemistryChange(Chemistry chemistry) {
        Settings p = forChemistry(chemistry);
        SettingsPatch.Builder b = SettingsPatch.builder().set(BATTERY_TYPE, chemistry.ordinal());
        for (SettingKey k : new SettingKey[]{CELL_OVP_mV, CELL_OVPR_mV, CELL_UVP_mV, CELL_UVPR_mV, POWER_OFF_mV,
                SOC100_mV, SOC0_mV, RCV_mV, RFV_mV, BALANCE_START_mV, SMART_SLEEP_mV}) {
            b.set(k, p.get(k));
        }
        return b.build();
    }

    private static Map<SettingKey, Integer> common() {
        Map<SettingKey, Integer> m = new EnumMap<>(SettingKey.class);
        m.put(CAPACITY_mAh, 100_000);          // chosen: a round figure the user replaces
        m.put(CELL_OVP_DELAY_s, 5);            // uart: 5 s
        m.put(CELL_UVP_DELAY_s, 5);            // uart: 5 s
        m.put(RCV_TIME_dh, 5);                 // chosen: half an hour of absorption
        m.put(RFV_TIME_dh, 0);                 // chosen: float until the next cycle
        m.put(REBULK_SOC_pct, 90);             // chosen
        m.put(CELL_DELTA_ALARM_mV, 300);       // uart: 300 mV

        m.put(CHARGE_OCP_mA, 120_000);         // guide: 120 A continuous
        m.put(CHARGE_OCP_DELAY_s, 30);         // guide
        m.put(CHARGE_OCP_RECOVERY_s, 60);      // 24S and 32S: 60 s
        m.put(DISCHARGE_OCP_mA, 120_000);      // guide: 120 A continuous
        m.put(DISCHARGE_OCP_DELAY_s, 300);     // guide
        m.put(DISCHARGE_OCP_RECOVERY_s, 60);   // 24S and 32S: 60 s
        m.put(DOCP2_ENABLED, 1);               // chosen: the board's 240 A peak rating is only safe for seconds
        m.put(DOCP2_mA, 180_000);              // chosen: between continuous (120 A) and peak (240 A)
        m.put(DOCP2_DELAY_ms, 10_000);         // chosen
        m.put(DOCP3_ENABLED, 1);
        m.put(DOCP3_mA, 240_000);              // guide: 240 A instantaneous maximum
        m.put(DOCP3_DELAY_ms, 1_000);          // chosen
        m.put(SCP_DELAY_us, 5);                // guide
        m.put(SCP_RECOVERY_s, 60);             // 24S: 60 s
        m.put(PRECHARGE_TIME_s, 0);            // chosen: off; capacitive loads can turn it on

        m.put(CHARGE_OTP_dC, 700);             // guide: 70 °C (uart agrees)
        m.put(CHARGE_OTPR_dC, 600);            // chosen: 10 K hysteresis as in 24S (60/50 °C)
        m.put(DISCHARGE_OTP_dC, 700);          // uart: 70 °C
        m.put(DISCHARGE_OTPR_dC, 600);         // chosen: 10 K hysteresis
        m.put(CHARGE_UTP_dC, -200);            // guide: -20 °C (uart agrees)
        m.put(CHARGE_UTPR_dC, -100);           // uart: -10 °C
        m.put(DISCHARGE_UTP_dC, -200);         // uart: -20 °C
        m.put(DISCHARGE_UTPR_dC, -100);        // uart: -10 °C
        m.put(MOS_OTP_dC, 900);                // uart and 24S: 90 °C
        m.put(MOS_OTPR_dC, 700);               // uart and 24S: 70 °C
        m.put(TEMP_SENSORS_DISABLED, 0);

        m.put(BALANCE_TRIGGER_mV, 10);         // guide
        m.put(BALANCE_MAX_mA, 400);            // guide: 0.4 A maximum

        m.put(CHARGE_ENABLED, 1);
        m.put(DISCHARGE_ENABLED, 1);
        m.put(BALANCE_ENABLED, 1);
        m.put(DISPLAY_ALWAYS_ON, 0);
        m.put(PCL_DISABLED, 0);

        m.put(HEATING_ENABLED, 0);             // off: only H models have the film; the user turns it on
        m.put(HEATING_START_dC, 0);            // chosen: lithium should not be charged below 0 °C
        m.put(HEATING_STOP_dC, 100);           // chosen: 10 K above start, below the guide's 45 °C thermostat

        m.put(SLEEP_ENABLED, 1);               // guide: "enters sleep mode automatically"
        m.put(SLEEP_DELAY_h, 26);              // guide: 26 h below 1 A
        m.put(EMERGENCY_MINUTES, 30);          // guide: 30 minutes

        m.put(COMM_PORT_MODE, CommPortMode.RS485.ordinal());
        m.put(CAN_PROTOCOL, CanProtocol.JK_NATIVE.ordinal());
        m.put(DEVICE_ADDRESS, 0);

        m.put(GPS_HEARTBEAT, 0);
        m.put(GPS_LOCK_CHARGE, 0);
        m.put(GPS_LOCK_DISCHARGE, 0);

        m.put(LOW_SOC_ALARM_pct, 10);          // chosen
        return m;
    }
}
