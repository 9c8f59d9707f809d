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

    static ChartData read(Connection c, Optional<Integer> id, Resolution res, long from_ms, long to_ms,
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
                    long gap = res == Resolution.RAW ? RAW_GAP_ms : GAP_STEPS * res.step_ms;
                    long prev = Long.MIN_VALUE;
                    while (r.next()) {
                        long t = r.getLong(1);
                        if (prev != Long.MIN_VALUE && t - prev > gap) {
                            rows.add(gapRow(prev + res.step_ms, metrics * perMetric));
                        }
                        prev = t;
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
        return new ChartData(res.name().toLowerCase(java.util.Locale.ROOT), res.step_ms, from_ms, to_ms, cells,
                sensorNames, time, series, events, eventsTruncated);
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
