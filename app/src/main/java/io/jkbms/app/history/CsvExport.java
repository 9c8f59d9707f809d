package io.jkbms.app.history;

import io.jkbms.core.telemetry.Alarm;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of history as CSV: one row per reading (or per minute / hour with min, avg and max of each metric), a
 * column per field, per sensor and per cell. Times are ISO-8601 UTC and epoch ms. Streamed row by row, so a month of
 * readings never sits in memory.
 */
final class CsvExport {
    private static final String[] PACK = {"packVoltage_mV", "current_mA", "soc_pct", "balanceCurrent_mA", "spread_mV"};

    private CsvExport() {
    }

    /** @return the rows written (header not counted) */
    static long write(Connection c, int board, Resolution res, long from_ms, long to_ms, Appendable out)
            throws SQLException, IOException {
        int[] shape = shape(c, board, res, from_ms, to_ms);
        int cells = shape[0];
        int sensors = shape[1];
        List<String> metrics = new ArrayList<>(List.of("pack_mv", "current_ma", "soc", "bal_ma", "spread_mv"));
        List<String> names = new ArrayList<>(List.of(PACK));
        for (int t = 0; t < sensors; t++) {
            metrics.add(Schema.temp(t));
            names.add(Schema.sensorName(t) + "_dC");
        }
        for (int k = 1; k <= cells; k++) {
            metrics.add(Schema.cell(k));
            names.add("cell" + k + "_mV");
        }
        StringBuilder header = new StringBuilder("time,time_ms");
        StringBuilder sql = new StringBuilder("SELECT t_ms");
        if (res == Resolution.RAW) {
            for (int i = 0; i < metrics.size(); i++) {
                header.append(',').append(names.get(i));
                sql.append(", ").append(metrics.get(i));
            }
            header.append(",remaining_mAh,fullCapacity_mAh,cycles,balanceSource,balanceDestination");
            for (String f : Sample.FLAG_NAMES) {
                header.append(',').append(f);
            }
            header.append(",alarms");
            sql.append(", remaining_mah, full_mah, cycles, bal_src, bal_dst, flags, alarms");
        } else {
            header.append(",samples");
            sql.append(", n");
            for (int i = 0; i < metrics.size(); i++) {
                for (String agg : new String[]{"min", "avg", "max"}) {
                    header.append(',').append(names.get(i)).append('_').append(agg);
                    sql.append(", ").append(metrics.get(i)).append('_').append(agg);
                }
            }
            header.append(",remaining_mAh,cycles");
            sql.append(", remaining_mah, cycles");
            for (String s : Schema.SHARES) {
                header.append(',').append(s).append("_share");
                sql.append(", ").append(s);
            }
        }
        sql.append(" FROM ").append(res.table).append(" WHERE board = ? AND t_ms >= ? AND t_ms <= ? ORDER BY t_ms");
        out.append(header).append('\n');
        long rows = 0;
        StringBuilder line = new StringBuilder(512);
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            p.setFetchSize(2000);
            p.setInt(1, board);
            p.setLong(2, from_ms);
            p.setLong(3, to_ms);
            try (ResultSet r = p.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    line.setLength(0);
                    long t = r.getLong(1);
                    line.append(Instant.ofEpochMilli(t)).append(',').append(t);
                    int last = res == Resolution.RAW ? columns - 2 : columns;
                    for (int i = 2; i <= last; i++) {
                        line.append(',');
                        String v = r.getString(i);
                        if (v != null) {
                            line.append(v);
                        }
                    }
                    if (res == Resolution.RAW) {
                        int flags = r.getInt(columns - 1);
                        for (int f = 0; f < Sample.FLAG_NAMES.size(); f++) {
                            line.append(',').append((flags & (1 << f)) != 0 ? 1 : 0);
                        }
                        line.append(',').append(alarmNames(r.getLong(columns)));
                    }
                    out.append(line).append('\n');
                    rows++;
                }
            }
        }
        return rows;
    }

    /** Alarm names joined by '|' (no commas, so the field needs no quoting). */
    static String alarmNames(long bits) {
        StringBuilder sb = new StringBuilder();
        for (Alarm a : Alarm.values()) {
            if ((bits & (1L << a.ordinal())) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(a.name());
            }
        }
        return sb.toString();
    }

    private static int[] shape(Connection c, int board, Resolution res, long from_ms, long to_ms) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT MAX(cells), MAX(sensors) FROM " + res.table
                + " WHERE board = ? AND t_ms >= ? AND t_ms <= ?")) {
            p.setInt(1, board);
            p.setLong(2, from_ms);
            p.setLong(3, to_ms);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new int[]{r.getInt(1), r.getInt(2)} : new int[]{0, 0};
            }
        }
    }
}
