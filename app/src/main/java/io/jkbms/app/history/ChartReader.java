package io.jkbms.app.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one chart's points at one resolution, column-wise, with a null point wherever the board was away. */
final class ChartReader {
    /** Readings further apart than this many steps are a gap, drawn as a break in the line. */
    private static final int GAP_STEPS = 3;
    private static final long RAW_GAP_ms = 5_000;

    private ChartReader() {
    }

    static ChartData read(Connection c, Optional<Integer> id, Resolution res, long from_ms, long to_ms, int maxPoints,
                          List<StoredEvent> events, boolean eventsTruncated) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        int metrics = Schema.METRICS.size();
        int perMetric = res == Resolution.RAW ? 1 : 3;
        int cells = 0;
        int sensors = 0;
        if (id.isPresent()) {
            StringBuilder sql = new StringBuilder("SELECT t_ms, cells, sensors");
            for (String m : Schema.METRICS) {
                if (res == Resolution.RAW) {
                    sql.append(", ").append(m);
                } else {
                    sql.append(", ").append(m).append("_avg, ").append(m).append("_min, ").append(m).append("_max");
                }
            }
            sql.append(" FROM ").append(res.table).append(" WHERE board = ? AND t_ms >= ? AND t_ms <= ? ORDER BY t_ms");
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                p.setFetchSize(2000);
                p.setInt(1, id.get());
                p.setLong(2, Math.floorDiv(from_ms, res.step_ms) * res.step_ms);
                p.setLong(3, to_ms);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        long t = r.getLong(1);
                        cells = Math.max(cells, r.getInt(2));
                        sensors = Math.max(sensors, r.getInt(3));
                        long[] row = new long[1 + metrics * perMetric];
                        row[0] = t;
                        for (int i = 0; i < metrics * perMetric; i++) {
                            long v = r.getLong(4 + i);
                            row[1 + i] = r.wasNull() ? Long.MIN_VALUE : v;
                        }
                        rows.add(row);
                    }
                }
            }
        }
        long step = res.step_ms;
        if (perMetric == 3 && rows.size() > maxPoints) {
            int k = (rows.size() + maxPoints - 1) / maxPoints;
            step = k * res.step_ms;
            rows = merge(rows, step, metrics);
        }
        rows = withGaps(rows, res == Resolution.RAW ? RAW_GAP_ms : GAP_STEPS * step, step, metrics * perMetric);
        long[] time = new long[rows.size()];
        for (int i = 0; i < time.length; i++) {
            time[i] = rows.get(i)[0];
        }
        Map<String, Object> series = new LinkedHashMap<>();
        String[] names = {"packVoltage_mV", "current_mA", "soc_pct", "balanceCurrent_mA", "spread_mV"};
        for (int m = 0; m < names.length; m++) {
            series.put(names[m], band(rows, m, perMetric));
        }
        List<ChartData.Band> temps = new ArrayList<>();
        for (int t = 0; t < sensors; t++) {
            temps.add(band(rows, Schema.METRICS.indexOf(Schema.temp(t)), perMetric));
        }
        List<ChartData.Band> cellBands = new ArrayList<>();
        for (int k = 1; k <= cells; k++) {
            cellBands.add(band(rows, Schema.METRICS.indexOf(Schema.cell(k)), perMetric));
        }
        series.put("cell_mV", cellBands);
        series.put("temperature_dC", temps);
        List<String> sensorNames = new ArrayList<>();
        for (int t = 0; t < sensors; t++) {
            sensorNames.add(Schema.sensorName(t));
        }
        return new ChartData(res.name().toLowerCase(java.util.Locale.ROOT), step, from_ms, to_ms, cells,
                sensorNames, time, series, events, eventsTruncated);
    }

    /**
     * Roll-up rows merged into buckets of {@code step_ms} (a year of hours drawn in the points asked for): min of the
     * mins, max of the maxes, mean of the averages. Rows are t, then per metric avg, min, max.
     */
    private static List<long[]> merge(List<long[]> rows, long step_ms, int metrics) {
        List<long[]> out = new ArrayList<>();
        long[] acc = null;
        int[] count = new int[metrics];
        long[] sum = new long[metrics];
        for (long[] row : rows) {
            long bucket = Math.floorDiv(row[0], step_ms) * step_ms;
            if (acc == null || acc[0] != bucket) {
                if (acc != null) {
                    finish(acc, sum, count);
                    out.add(acc);
                }
                acc = new long[row.length];
                java.util.Arrays.fill(acc, Long.MIN_VALUE);
                acc[0] = bucket;
                java.util.Arrays.fill(count, 0);
                java.util.Arrays.fill(sum, 0);
            }
            for (int m = 0; m < metrics; m++) {
                int a = 1 + 3 * m;
                if (row[a] != Long.MIN_VALUE) {
                    sum[m] += row[a];
                    count[m]++;
                }
                if (row[a + 1] != Long.MIN_VALUE) {
                    acc[a + 1] = acc[a + 1] == Long.MIN_VALUE ? row[a + 1] : Math.min(acc[a + 1], row[a + 1]);
                }
                if (row[a + 2] != Long.MIN_VALUE) {
                    acc[a + 2] = Math.max(acc[a + 2], row[a + 2]);
                }
            }
        }
        if (acc != null) {
            finish(acc, sum, count);
            out.add(acc);
        }
        return out;
    }

    private static void finish(long[] acc, long[] sum, int[] count) {
        for (int m = 0; m < count.length; m++) {
            if (count[m] > 0) {
                acc[1 + 3 * m] = Math.round((double) sum[m] / count[m]);
            }
        }
    }

    /** A null point after each gap, so the line breaks where the board was away. */
    private static List<long[]> withGaps(List<long[]> rows, long gap_ms, long step_ms, int values) {
        List<long[]> out = new ArrayList<>(rows.size() + 8);
        long prev = Long.MIN_VALUE;
        for (long[] row : rows) {
            if (prev != Long.MIN_VALUE && row[0] - prev > gap_ms) {
                out.add(gapRow(prev + step_ms, values));
            }
            prev = row[0];
            out.add(row);
        }
        return out;
    }

    private static long[] gapRow(long t, int values) {
        long[] row = new long[1 + values];
        java.util.Arrays.fill(row, Long.MIN_VALUE);
        row[0] = t;
        return row;
    }

    private static ChartData.Band band(List<long[]> rows, int metric, int perMetric) {
        Integer[] avg = column(rows, 1 + metric * perMetric);
        if (perMetric == 1) {
            return new ChartData.Band(avg, null, null);
        }
        return new ChartData.Band(avg, column(rows, 2 + metric * perMetric), column(rows, 3 + metric * perMetric));
    }

    private static Integer[] column(List<long[]> rows, int index) {
        Integer[] out = new Integer[rows.size()];
        for (int i = 0; i < out.length; i++) {
            long v = rows.get(i)[index];
            out[i] = v == Long.MIN_VALUE ? null : (int) v;
        }
        return out;
    }
}
