package io.jkbms.protocol.uart;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;

import java.util.OptionalInt;

/** Turns a received write into what it asks for. Never throws: whatever cannot be done is {@code Rejected}. */
public final class UartWrites {
    private UartWrites() {
    }

    public static UartWriteAction interpret(UartValue value) {
        UartId id = value.id();
        if (!id.writable() || !(value instanceof UartValue.Num || value instanceof UartValue.Text)) {
            return new UartWriteAction.Rejected(id, id.label() + " (" + id.meaning() + ") is read-only");
        }
        long raw = value instanceof UartValue.Num n ? n.raw() : 0;
        switch (id) {
            case CHARGE_SWITCH: return toggle(id, UartCommandKind.CHARGE_SWITCH, raw);
            case DISCHARGE_SWITCH: return toggle(id, UartCommandKind.DISCHARGE_SWITCH, raw);
            case BALANCER_SWITCH: return toggle(id, UartCommandKind.BALANCER_SWITCH, raw);
            case START_CURRENT_CALIBRATION: return command(id, UartCommandKind.START_CURRENT_CALIBRATION, raw);
            case RESTART: return command(id, UartCommandKind.RESTART, raw);
            case FACTORY_RESET: return command(id, UartCommandKind.FACTORY_RESET, raw);
            case UPGRADE: return command(id, UartCommandKind.UPGRADE, raw);
            case PACK_OVP: case PACK_UVP:
                return new UartWriteAction.Rejected(id, id.label() + " is derived on this board: cell limit × cell count; "
                        + "write the cell limit instead");
            case DEVICE_ID: case MANUFACTURE_DATE: case SOFTWARE_VERSION: case MANUFACTURER:
                return new UartWriteAction.Rejected(id, id.label() + " is factory data");
            case RUNTIME: case ACTUAL_CAPACITY:
                return new UartWriteAction.Rejected(id, id.label() + " is measured by the board");
            default:
                break;
        }
        if (UartDevice.holds(id)) {
            return new UartWriteAction.DeviceParameter(id, value);
        }
        SettingKey key = id.setting().orElseThrow(); // every other writable identifier carries a setting
        OptionalInt stored = id.settingValue(raw);
        if (stored.isEmpty()) {
            return new UartWriteAction.Rejected(id, raw + " has no " + key.jsonName() + " value"
                    + (id == UartId.BATTERY_TYPE ? " (battery types: 0 LFP, 1 ternary, 2 LTO)" : ""));
        }
        return new UartWriteAction.SettingChange(id, SettingsPatch.of(key, stored.getAsInt()));
    }

    private static UartWriteAction toggle(UartId id, UartCommandKind kind, long raw) {
        if (raw != 0 && raw != 1) {
            return new UartWriteAction.Rejected(id, id.label() + " is a switch: 0 or 1, not " + raw);
        }
        return new UartWriteAction.Command(id, kind, raw, SettingsPatch.of(id.setting().orElseThrow(), (int) raw));
    }

    private static UartWriteAction command(UartId id, UartCommandKind kind, long raw) {
        return new UartWriteAction.Command(id, kind, raw, SettingsPatch.builder().build());
    }
}
