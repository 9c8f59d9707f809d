package io.jkbms.firmware.protection;

import io.jkbms.core.settings.Settings;
import io.jkbms.firmware.sampling.Measurements;

/** Everything the protections read in one control period: the measurements plus the firmware's own state. Reused. */
public final class Inputs {
    public Measurements measurements;
    public Settings settings;
    public boolean shortCircuitLatched;
    public int soc_pct;
    public long gpsSilence_ms;
    public boolean parallelFault;
}
