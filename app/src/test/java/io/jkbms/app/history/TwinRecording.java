package io.jkbms.app.history;

import io.jkbms.app.device.TwinDevice;
import io.jkbms.app.twin.TwinBackend;
import io.jkbms.sim.scenario.DefaultScenario;
import io.jkbms.sim.twin.Twin;

import java.util.ArrayList;
import java.util.List;

/** The built-in twin, running fast, recorded into a store: what the main job does, for the recorder's tests. */
final class TwinRecording implements AutoCloseable {
    final TwinDevice device;
    final Recorder recorder;
    final HistoryStore store;

    TwinRecording(HistoryStore store, double speed) {
        this(store, speed, History.resumeTime_ms(store, "twin", System.currentTimeMillis()));
    }

    /** A twin whose clock starts at {@code start_ms}. */
    TwinRecording(HistoryStore store, double speed, long start_ms) {
        this.store = store;
        Twin twin = new Twin(DefaultScenario.load());
        device = new TwinDevice(twin, new TwinBackend(twin, true), start_ms);
        device.twin().orElseThrow().setSpeed(speed);
        recorder = new Recorder(store, device, "twin", 1);
        twin.start();
    }

    /** Every raw reading recorded so far. */
    List<Sample> raw() throws StoreException {
        List<Sample> out = new ArrayList<>();
        store.forEachSample("twin", 0, Long.MAX_VALUE / 2, out::add);
        return out;
    }

    /** Recorded readings follow each other a second apart: none lost, none twice. */
    static boolean contiguous(List<Sample> samples) {
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).time_ms() - samples.get(i - 1).time_ms() != 1000) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        recorder.close();
        device.close();
    }
}
