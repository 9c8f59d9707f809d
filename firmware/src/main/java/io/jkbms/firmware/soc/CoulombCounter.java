package io.jkbms.firmware.soc;

import io.jkbms.core.board.OcvCurve;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.firmware.sampling.Measurements;

import static io.jkbms.firmware.FirmwareConstants.SOC_ANCHOR_HOLD_ms;

/**
 * State of charge by coulomb counting (guide: "accurate coulomb counting"). Charge is integrated in mA·ms so no
 * rounding accumulates. Re-anchored at 100 % when the highest cell holds the SOC-100 % voltage while not discharging,
 * and at 0 % when the lowest holds the SOC-0 % voltage while not charging. A discharge from a full anchor to an empty
 * one without charging in between, ending at a low current, measures the pack: the full capacity is learned from it,
 * and SOH follows. A cycle is
 * counted each time a full capacity's worth has been discharged; cycle capacity is the total discharged.
 */
public final class CoulombCounter {
    private static final long MAS_PER_MAH = 3_600_000L;

    private long remaining_mAms;
    private long full_mAms;
    private long nominal_mAms;
    private int cycles;
    private long towardsCycle_mAms;
    private long totalDischarged_mAms;
    private boolean fullAnchored;
    private long dischargedSinceFull_mAms;
    private long chargedSinceFull_mAms;
    private long atFullSince_ms = -1;
    private long atEmptySince_ms = -1;

    /** Power-up without a stored SOC: estimate it from the rest voltage of the average cell. */
    public void initialize(Settings s, Measurements m) {
        nominal_mAms = s.get(SettingKey.CAPACITY_mAh) * MAS_PER_MAH;
        full_mAms = nominal_mAms;
        double soc = m.cellCount() == 0 ? 50 : OcvCurve.soc_pct(s.chemistry(), m.average_mV());
        remaining_mAms = Math.round(full_mAms * soc / 100.0);
    }

    /** The nominal capacity setting changed: start learning again, keep the SOC. */
    public void capacityChanged(Settings s) {
        long newNominal = s.get(SettingKey.CAPACITY_mAh) * MAS_PER_MAH;
        if (newNominal == nominal_mAms) {
            return;
        }
        double fraction = full_mAms == 0 ? 0.5 : (double) remaining_mAms / full_mAms;
        nominal_mAms = newNominal;
        full_mAms = newNominal;
        remaining_mAms = Math.round(full_mAms * fraction);
        fullAnchored = false;
    }

    public void step(long now_ms, long dt_ms, int current_mA, Measurements m, Settings s, EventListener events) {
        long delta = (long) current_mA * dt_ms;
        remaining_mAms = Math.max(0, Math.min(full_mAms, remaining_mAms + delta));
        if (delta < 0) {
            totalDischarged_mAms -= delta;
            towardsCycle_mAms -= delta;
            if (full_mAms > 0 && towardsCycle_mAms >= full_mAms) {
                cycles++;
                towardsCycle_mAms -= full_mAms;
            }
            if (fullAnchored) {
                dischargedSinceFull_mAms -= delta;
            }
        } else if (fullAnchored) {
            chargedSinceFull_mAms += delta;
        }

        if (m.cellCount() > 0 && m.max_mV() >= s.get(SettingKey.SOC100_mV) && current_mA >= 0) {
            if (atFullSince_ms < 0) {
                atFullSince_ms = now_ms;
            } else if (now_ms - atFullSince_ms >= SOC_ANCHOR_HOLD_ms && !(fullAnchored && remaining_mAms == full_mAms)) {
                int before = soc_pct();
                remaining_mAms = full_mAms;
                fullAnchored = true;
                dischargedSinceFull_mAms = 0;
                chargedSinceFull_mAms = 0;
                if (before != 100) {
                    events.onEvent(new Event(now_ms, EventType.SOC_ANCHOR, Phase.CHANGE, m.maxCell(), m.max_mV(), "mV",
                            "full: SOC " + before + " % -> 100 %"));
                }
            }
        } else {
            atFullSince_ms = -1;
        }

        if (m.cellCount() > 0 && m.min_mV() <= s.get(SettingKey.SOC0_mV) && current_mA <= 0) {
            if (atEmptySince_ms < 0) {
                atEmptySince_ms = now_ms;
            } else if (now_ms - atEmptySince_ms >= SOC_ANCHOR_HOLD_ms && remaining_mAms != 0) {
                int before = soc_pct();
                String learned = "";
                // A clean full -> empty discharge measures the pack (little charge in between, most of it used), but
                // only if the empty anchor came at a low current (at most C/20): under load the cells' IR drop reaches
                // the SOC-0 % voltage early and the capacity would be under-estimated.
                boolean gentle = Math.abs((long) current_mA) * 20L * MAS_PER_MAH <= nominal_mAms;
                if (gentle && fullAnchored && chargedSinceFull_mAms * 20 < full_mAms && dischargedSinceFull_mAms * 2 > full_mAms) {
                    full_mAms = dischargedSinceFull_mAms;
                    learned = "; full capacity learned: " + full_mAms / MAS_PER_MAH + " mAh";
                }
                remaining_mAms = 0;
                fullAnchored = false;
                if (before != 0 || !learned.isEmpty()) {
                    events.onEvent(new Event(now_ms, EventType.SOC_ANCHOR, Phase.CHANGE, m.minCell(), m.min_mV(), "mV",
                            "empty: SOC " + before + " % -> 0 %" + learned));
                }
            }
        } else {
            atEmptySince_ms = -1;
        }
    }

    public int soc_pct() {
        return full_mAms == 0 ? 0 : (int) Math.round(remaining_mAms * 100.0 / full_mAms);
    }

    /** SOC in 0.001 % steps, for estimators that want more than the APP's whole percent. */
    public double socExact_pct() {
        return full_mAms == 0 ? 0 : remaining_mAms * 100.0 / full_mAms;
    }

    public int remaining_mAh() {
        return (int) (remaining_mAms / MAS_PER_MAH);
    }

    public int full_mAh() {
        return (int) (full_mAms / MAS_PER_MAH);
    }

    public int nominal_mAh() {
        return (int) (nominal_mAms / MAS_PER_MAH);
    }

    public int soh_pct() {
        return nominal_mAms == 0 ? 0 : (int) Math.min(100, Math.round(full_mAms * 100.0 / nominal_mAms));
    }

    public int cycles() {
        return cycles;
    }

    public long cycleCapacity_mAh() {
        return totalDischarged_mAms / MAS_PER_MAH;
    }
}
