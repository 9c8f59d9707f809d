package io.jkbms.core.settings;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;

import java.util.ArrayList;
import java.util.List;

import static io.jkbms.core.settings.SettingKey.*;

/**
 * Decides whether a complete set of settings is acceptable for a board model: each field's range, then the
 * cross-field rules. Errors reject the settings; warnings advise. {@link #apply} is the only way settings change on a
 * board: the patch is applied to a copy, the copy is validated whole, and either the copy or nothing is returned.
 */
public final class SettingsValidator {
    private SettingsValidator() {
    }

    /**
     * Applies a patch to the current settings, or refuses it whole.
     *
     * @throws InvalidSettingsException with one violation per problem; {@code current} is unaffected either way
     */
    public static Settings apply(BoardModel model, Settings current, SettingsPatch patch) {
        Settings next = current.with(patch);
        ValidationResult r = validate(model, next);
        if (!r.isValid()) {
            throw new InvalidSettingsException(r.errors());
        }
        return next;
    }

    public static ValidationResult validate(BoardModel model, Settings s) {
        List<Violation> errors = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        boolean[] inRange = new boolean[SettingKey.values().length];
        for (SettingKey k : SettingKey.values()) {
            int v = s.get(k);
            inRange[k.ordinal()] = v >= k.min() && v <= k.max();
            if (!inRange[k.ordinal()]) {
                errors.add(new Violation(k.jsonName(), text(k, v), k.rangeText(), "out of range"));
            }
        }
        // Cross-field rules compare only fields that are in range themselves, so each problem is reported once.
        Rules r = new Rules(s, errors, inRange);
        for (int cell = 1; cell <= Settings.WIRE_CHANNELS; cell++) {
            int w = s.wireResistance_mOhm(cell);
            if (w < 0 || w > Settings.WIRE_RESISTANCE_MAX_mOhm) {
                errors.add(new Violation(Settings.WIRE_RESISTANCE + "[" + cell + "]", Integer.toString(w),
                        "0.." + Settings.WIRE_RESISTANCE_MAX_mOhm + " mOhm", "out of range"));
            }
        }
        if (s.userData().length() > Settings.USER_DATA_MAX_CHARS || !Settings.isPrintableAscii(s.userData())) {
            errors.add(new Violation(Settings.USER_DATA, s.userData(),
                    "text of at most " + Settings.USER_DATA_MAX_CHARS + " printable ASCII characters", "not accepted"));
        }
        if (!inRange[BATTERY_TYPE.ordinal()] || !inRange[COMM_PORT_MODE.ordinal()] || !inRange[CAN_PROTOCOL.ordinal()]) {
            return new ValidationResult(errors, warnings); // enums out of range: nothing else can be interpreted
        }

        // Cell count within model x chemistry (guide: "Base Models by String Count").
        Chemistry chem = s.chemistry();
        int cells = s.get(CELL_COUNT);
        int maxCells = chem.maxCells(model);
        if (inRange[CELL_COUNT.ordinal()] && (cells < chem.minCells() || cells > maxCells)) {
            errors.add(new Violation(CELL_COUNT.jsonName(), Integer.toString(cells), chem.minCells() + ".." + maxCells,
                    model.name() + " supports " + chem.minCells() + "-" + maxCells + " cells of " + chem.description()));
        }

        // Voltages: each limit has its own recovery threshold on the safe side.
        r.below(CELL_OVPR_mV, CELL_OVP_mV, "over-voltage recovery must be below the over-voltage limit");
        r.above(CELL_UVPR_mV, CELL_UVP_mV, "under-voltage recovery must be above the under-voltage limit");
        r.below(CELL_UVP_mV, CELL_OVP_mV, "under-voltage limit must be below the over-voltage limit");
        r.below(CELL_UVPR_mV, CELL_OVPR_mV, "under-voltage recovery must be below the over-voltage recovery");
        r.atMost(POWER_OFF_mV, CELL_UVP_mV, "the power-off voltage must not exceed the under-voltage limit");
        r.below(SOC0_mV, SOC100_mV, "the 0 % SOC voltage must be below the 100 % SOC voltage");
        r.below(RCV_mV, CELL_OVP_mV, "the requested charge voltage must be below the over-voltage limit");
        r.atMost(RFV_mV, RCV_mV, "the float voltage must not exceed the requested charge voltage");

        // Temperatures: recoveries on the safe side of their limits; charge window not empty.
        r.below(CHARGE_OTPR_dC, CHARGE_OTP_dC, "charge over-temperature recovery must be below its limit");
        r.below(DISCHARGE_OTPR_dC, DISCHARGE_OTP_dC, "discharge over-temperature recovery must be below its limit");
        r.below(MOS_OTPR_dC, MOS_OTP_dC, "MOSFET over-temperature recovery must be below its limit");
        r.above(CHARGE_UTPR_dC, CHARGE_UTP_dC, "charge low-temperature recovery must be above its limit");
        r.above(DISCHARGE_UTPR_dC, DISCHARGE_UTP_dC, "discharge low-temperature recovery must be above its limit");
        r.below(CHARGE_UTPR_dC, CHARGE_OTPR_dC, "the charge temperature window would be empty");
        r.below(DISCHARGE_UTPR_dC, DISCHARGE_OTPR_dC, "the discharge temperature window would be empty");
        r.below(HEATING_START_dC, HEATING_STOP_dC, "heating must stop above the temperature where it starts");
        r.below(HEATING_STOP_dC, CHARGE_OTPR_dC, "heating must stop below the charge over-temperature recovery");
        r.below(HEATING_STOP_dC, DISCHARGE_OTPR_dC, "heating must stop below the discharge over-temperature recovery");
        if (s.isOn(HEATING_ENABLED) && s.isOn(TEMP_SENSORS_DISABLED)) {
            errors.add(new Violation(HEATING_ENABLED.jsonName(), "true", "false while temp_sensors_disabled is true",
                    "heating needs the battery temperature sensors"));
        }

        // Currents: 120 A continuous, 240 A peak (ranges); the peak levels above the continuous one.
        if (s.isOn(DOCP2_ENABLED)) {
            r.above(DOCP2_mA, DISCHARGE_OCP_mA, "over-current level II must be above the continuous limit");
        }
        if (s.isOn(DOCP3_ENABLED)) {
            r.above(DOCP3_mA, s.isOn(DOCP2_ENABLED) ? DOCP2_mA : DISCHARGE_OCP_mA,
                    "over-current level III must be above the lower levels");
            if (s.isOn(DOCP2_ENABLED)) {
                r.below(DOCP3_DELAY_ms, DOCP2_DELAY_ms, "over-current level III must act faster than level II");
            }
        }

        // Functions the model lacks.
        for (SettingKey k : SettingKey.values()) {
            if (k.requires().isPresent() && s.isOn(k) && !model.has(k.requires().get())) {
                BoardFunction f = k.requires().get();
                errors.add(new Violation(k.jsonName(), "true", "false on " + model.name(),
                        model.name() + " has no " + f.description() + " (needs the '" + f.suffix() + "' suffix)"));
            }
        }
        if (s.commPortMode() == CommPortMode.CAN && !model.has(BoardFunction.CAN)) {
            errors.add(new Violation(COMM_PORT_MODE.jsonName(), "CAN", "RS485 on " + model.name(),
                    model.name() + " has no CAN communication (needs the 'C' suffix)"));
        }

        if (!errors.isEmpty()) {
            return new ValidationResult(errors, warnings); // advice only for settings that are otherwise acceptable
        }

        // Advice.
        int capacity_mAh = s.get(CAPACITY_mAh);
        if (s.get(BALANCE_MAX_mA) * 5L > capacity_mAh) {
            warnings.add(new Violation(BALANCE_MAX_mA.jsonName(), Integer.toString(s.get(BALANCE_MAX_mA)),
                    "<= " + capacity_mAh / 5 + " mA (0.2 C of " + capacity_mAh + " mAh)",
                    "the guide recommends a balancing current below 0.2 C of the pack capacity"));
        }
        long packMax_mV = (long) cells * s.get(CELL_OVP_mV);
        if (packMax_mV > BoardModel.MAX_SUPPLY_mV) {
            warnings.add(new Violation(CELL_OVP_mV.jsonName(), Integer.toString(s.get(CELL_OVP_mV)),
                    "pack at OVP <= " + BoardModel.MAX_SUPPLY_mV + " mV",
                    cells + " cells at the over-voltage limit make " + packMax_mV + " mV, above the board's 100 V supply range"));
        }
        long packMin_mV = (long) cells * s.get(POWER_OFF_mV);
        if (packMin_mV < BoardModel.MIN_SUPPLY_mV) {
            warnings.add(new Violation(POWER_OFF_mV.jsonName(), Integer.toString(s.get(POWER_OFF_mV)),
                    "pack at power-off >= " + BoardModel.MIN_SUPPLY_mV + " mV",
                    cells + " cells at the power-off voltage make " + packMin_mV + " mV, below the board's 20 V supply range"));
        }
        if (s.get(SOC100_mV) >= s.get(CELL_OVP_mV)) {
            warnings.add(new Violation(SOC100_mV.jsonName(), Integer.toString(s.get(SOC100_mV)),
                    "< cell_ovp_mV (" + s.get(CELL_OVP_mV) + ")",
                    "over-voltage protection stops charging before SOC can be re-anchored at 100 %"));
        }
        if (s.isOn(HEATING_ENABLED) && s.get(HEATING_START_dC) < s.get(CHARGE_UTPR_dC)) {
            warnings.add(new Violation(HEATING_START_dC.jsonName(), Integer.toString(s.get(HEATING_START_dC)),
                    ">= charge_utpr_dC (" + s.get(CHARGE_UTPR_dC) + ")",
                    "heating starts below the charge low-temperature recovery, so charging can stay blocked"));
        }
        return new ValidationResult(errors, warnings);
    }

    private static String text(SettingKey k, int v) {
        return String.valueOf(k.toJsonValue(v));
    }

    /** The comparison rules, each naming the field at fault, its value and the range the other field allows. */
    private record Rules(Settings s, List<Violation> errors, boolean[] inRange) {
        private boolean comparable(SettingKey a, SettingKey b) {
            return inRange[a.ordinal()] && inRange[b.ordinal()];
        }

        void below(SettingKey a, SettingKey b, String reason) {
            if (comparable(a, b) && s.get(a) >= s.get(b)) {
                add(a, b, "< " + b.jsonName() + " (" + s.get(b) + ")", a.min() + ".." + (s.get(b) - 1), reason);
            }
        }

        void atMost(SettingKey a, SettingKey b, String reason) {
            if (comparable(a, b) && s.get(a) > s.get(b)) {
                add(a, b, "<= " + b.jsonName() + " (" + s.get(b) + ")", a.min() + ".." + s.get(b), reason);
            }
        }

        void above(SettingKey a, SettingKey b, String reason) {
            if (comparable(a, b) && s.get(a) <= s.get(b)) {
                add(a, b, "> " + b.jsonName() + " (" + s.get(b) + ")", (s.get(b) + 1) + ".." + a.max(), reason);
            }
        }

        private void add(SettingKey a, SettingKey b, String relation, String range, String reason) {
            String u = a.unit().isEmpty() ? "" : " " + a.unit();
            errors.add(new Violation(a.jsonName(), Integer.toString(s.get(a)), range + u + ", i.e. " + relation, reason));
        }
    }
}
