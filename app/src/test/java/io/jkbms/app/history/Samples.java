package io.jkbms.app.history;

/** Synthetic readings whose values follow from their time, so a test knows every aggregate. */
final class Samples {
    private Samples() {
    }

    /** 16 cells at 3300 + cell + (t/1000 mod 60) mV; current = (t/1000 mod 60) * 100 mA; MOS 250 dC, T1 absent. */
    static Sample at(long time_ms) {
        int sec = (int) Math.floorMod(time_ms / 1000, 60);
        int[] cells = new int[16];
        int pack = 0;
        for (int k = 0; k < cells.length; k++) {
            cells[k] = 3300 + k + sec;
            pack += cells[k];
        }
        return new Sample(time_ms, pack, sec * 100, 50, 140_000, 280_000, 3, cells,
                new int[]{250, Sample.NO_READING, 200 + sec}, sec % 2 == 0 ? 400 : 0, 16, 1,
                Sample.CHARGE_MOS | Sample.DISCHARGE_MOS | (sec % 2 == 0 ? Sample.BALANCING : 0), 0);
    }
}
