package io.jkbms.protocol.uart;

import io.jkbms.core.telemetry.Alarm;
import io.jkbms.core.telemetry.BalancerStatus;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builds Telemetry snapshots for codec tests; derived fields (max/min/average/delta) follow the cells. */
public final class TelemetryBuilder {
    private long runtime_s;
    private int pack_mV = -1;
    private int current_mA;
    private int soc = 50;
    private int remaining_mAh = 50_000;
    private int fullCapacity_mAh = 100_000;
    private int cycles;
    private long cycleCapacity_mAh;
    private int soh = 100;
    private int[] cells = {3300, 3300, 3300, 3300};
    private TemperatureReading mos = ok(250);
    private List<TemperatureReading> temps = new ArrayList<>(List.of(ok(200), ok(210)));
    private boolean chargeMos = true;
    private boolean dischargeMos = true;
    private BalancerStatus balancer = BalancerStatus.IDLE;
    private Set<Alarm> alarms = EnumSet.noneOf(Alarm.class);

    public static TelemetryBuilder telemetry() {
        return new TelemetryBuilder();
    }

    public static TemperatureReading ok(int dC) {
        return new TemperatureReading(SensorStatus.OK, dC);
    }

    public TelemetryBuilder cells(int... mV) {
        cells = mV.clone();
        return this;
    }

    public TelemetryBuilder pack_mV(int v) {
        pack_mV = v;
        return this;
    }

    public TelemetryBuilder current_mA(int v) {
        current_mA = v;
        return this;
    }

    public TelemetryBuilder soc(int v) {
        soc = v;
        return this;
    }

    public TelemetryBuilder soh(int v) {
        soh = v;
        return this;
    }

    public TelemetryBuilder remaining_mAh(int v) {
        remaining_mAh = v;
        return this;
    }

    public TelemetryBuilder fullCapacity_mAh(int v) {
        fullCapacity_mAh = v;
        return this;
    }

    public TelemetryBuilder cycles(int v) {
        cycles = v;
        return this;
    }

    public TelemetryBuilder cycleCapacity_mAh(long v) {
        cycleCapacity_mAh = v;
        return this;
    }

    public TelemetryBuilder runtime_s(long v) {
        runtime_s = v;
        return this;
    }

    public TelemetryBuilder mos(TemperatureReading r) {
        mos = r;
        return this;
    }

    public TelemetryBuilder temperatures(TemperatureReading... r) {
        temps = List.of(r);
        return this;
    }

    public TelemetryBuilder mosfets(boolean charge, boolean discharge) {
        chargeMos = charge;
        dischargeMos = discharge;
        return this;
    }

    public TelemetryBuilder balancing(boolean active) {
        balancer = active ? new BalancerStatus(true, 1, 2, 400) : BalancerStatus.IDLE;
        return this;
    }

    public TelemetryBuilder alarms(Alarm... a) {
        alarms = a.length == 0 ? EnumSet.noneOf(Alarm.class) : EnumSet.of(a[0], a);
        return this;
    }

    public TelemetryBuilder alarms(Set<Alarm> a) {
        alarms = a.isEmpty() ? EnumSet.noneOf(Alarm.class) : EnumSet.copyOf(a);
        return this;
    }

    public Telemetry build() {
        int max = 0, min = 0;
        long sum = 0;
        for (int i = 0; i < cells.length; i++) {
            if (max == 0 || cells[i] > cells[max - 1]) {
                max = i + 1;
            }
            if (min == 0 || cells[i] < cells[min - 1]) {
                min = i + 1;
            }
            sum += cells[i];
        }
        int pack = pack_mV >= 0 ? pack_mV : (int) sum;
        int avg = cells.length == 0 ? 0 : (int) (sum / cells.length);
        int delta = cells.length == 0 ? 0 : cells[max - 1] - cells[min - 1];
        return new Telemetry(0, runtime_s, PowerState.ON, pack, current_mA, (long) pack * current_mA / 1000, soc,
                remaining_mAh, fullCapacity_mAh, 100_000, cycles, cycleCapacity_mAh, soh, cells, new int[cells.length],
                max, min, avg, delta, mos, temps, chargeMos, dischargeMos, false, balancer, false, 0, false, 0, false,
                false, 1, alarms);
    }
}
