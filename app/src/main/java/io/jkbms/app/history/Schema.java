package io.jkbms.app.history;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The history's tables, for SQLite and PostgreSQL alike. The column lists live here once: the migrations create
 * them and the store's inserts, roll-ups and queries are built from the same lists, so they cannot drift apart.
 *
 * <ul>
 *   <li>{@code board}: one row per board (its name is how the app knows it: "twin" or the --connect target).</li>
 *   <li>{@code sample}: raw readings, one per second, a column per cell and per sensor (NULL where absent).</li>
 *   <li>{@code sample_minute}, {@code sample_hour}: min / avg / max of every metric per minute and per hour, the
 *       share of time each MOSFET, the balancer and the heater were on, and {@code n}, the samples behind a row.</li>
 *   <li>{@code event}: what the board did, with the category the Events page filters by and who made a change.</li>
 *   <li>{@code settings_snapshot}: the board's settings as JSON, stored when they change.</li>
 * </ul>
 */
public final class Schema {
    public static final int MAX_CELLS = 32;
    public static final int MAX_SENSORS = 6;

    /** Metrics that get min / avg / max in the roll-ups, in column order. */
    public static final List<String> METRICS;
    /** Raw columns after board and t_ms, in insert order. */
    public static final List<String> RAW_COLUMNS;
    /** Share-of-time columns of the roll-ups and the flag bit each one measures. */
    static final List<String> SHARES = List.of("chg_on", "dchg_on", "bal_on", "heat_on");
    static final int[] SHARE_FLAGS = {Sample.CHARGE_MOS, Sample.DISCHARGE_MOS, Sample.BALANCING, Sample.HEATING};

    static {
        List<String> m = new ArrayList<>(List.of("pack_mv", "current_ma", "soc", "bal_ma", "spread_mv"));
        for (int i = 0; i < MAX_SENSORS; i++) {
            m.add(temp(i));
        }
        for (int c = 1; c <= MAX_CELLS; c++) {
            m.add(cell(c));
        }
        METRICS = List.copyOf(m);
        List<String> raw = new ArrayList<>(METRICS);
        raw.addAll(List.of("remaining_mah", "full_mah", "cycles", "bal_src", "bal_dst", "flags", "alarms", "cells",
                "sensors"));
        RAW_COLUMNS = List.copyOf(raw);
    }

    private Schema() {
    }

    static String cell(int oneBased) {
        return "c" + oneBased;
    }

    static String temp(int index) {
        return "temp" + index;
    }

    /** Sensor names by index: MOS, T1, T2, … */
    public static String sensorName(int index) {
        return index == 0 ? "MOS" : "T" + index;
    }

    /** Cells (mV), temperatures (0.1 °C), SOC, cell numbers and counts fit 16 bits; currents and the pack do not. */
    private static String type(String column) {
        if (column.equals("alarms")) {
            return "BIGINT";
        }
        if (column.matches("c\\d+") || column.startsWith("temp") || column.equals("soc")
                || column.equals("bal_src") || column.equals("bal_dst") || column.equals("cells")
                || column.equals("sensors")) {
            return "SMALLINT";
        }
        return "INTEGER";
    }

    /** V1: the tables above. Java rather than SQL so both dialects come from the column lists. */
    public static final class V1__History extends BaseJavaMigration {
        private final Dialect dialect;

        public V1__History(Dialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public void migrate(Context context) throws Exception {
            boolean sqlite = dialect == Dialect.SQLITE;
            String withoutRowid = sqlite ? " WITHOUT ROWID" : "";
            List<String> ddl = new ArrayList<>();
            ddl.add(sqlite
                    ? "CREATE TABLE board (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, model TEXT NOT NULL, "
                    + "created_ms BIGINT NOT NULL)"
                    : "CREATE TABLE board (id SERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, model TEXT NOT NULL, "
                    + "created_ms BIGINT NOT NULL)");
            StringBuilder raw = new StringBuilder("CREATE TABLE sample (board INTEGER NOT NULL, t_ms BIGINT NOT NULL");
            for (String c : RAW_COLUMNS) {
                raw.append(", ").append(c).append(' ').append(type(c));
            }
            ddl.add(raw.append(", PRIMARY KEY (board, t_ms))").append(withoutRowid).toString());
            for (String table : List.of("sample_minute", "sample_hour")) {
                StringBuilder r = new StringBuilder("CREATE TABLE ").append(table)
                        .append(" (board INTEGER NOT NULL, t_ms BIGINT NOT NULL, n INTEGER NOT NULL, "
                                + "cells SMALLINT, sensors SMALLINT, remaining_mah INTEGER, cycles INTEGER");
                for (String m : METRICS) {
                    for (String agg : new String[]{"_min", "_avg", "_max"}) {
                        r.append(", ").append(m).append(agg).append(' ').append(type(m));
                    }
                }
                for (String s : SHARES) {
                    r.append(", ").append(s).append(" REAL");
                }
                ddl.add(r.append(", PRIMARY KEY (board, t_ms))").append(withoutRowid).toString());
            }
            ddl.add((sqlite ? "CREATE TABLE event (id INTEGER PRIMARY KEY"
                    : "CREATE TABLE event (id BIGSERIAL PRIMARY KEY")
                    + ", board INTEGER NOT NULL, t_ms BIGINT NOT NULL, category TEXT NOT NULL, event TEXT NOT NULL, "
                    + "phase TEXT NOT NULL, cell INTEGER NOT NULL, text TEXT NOT NULL, who TEXT NOT NULL)");
            ddl.add("CREATE INDEX event_by_time ON event (board, t_ms)");
            ddl.add("CREATE TABLE settings_snapshot (board INTEGER NOT NULL, t_ms BIGINT NOT NULL, who TEXT NOT NULL, "
                    + "settings TEXT NOT NULL, PRIMARY KEY (board, t_ms))" + withoutRowid);
            try (Statement st = context.getConnection().createStatement()) {
                for (String sql : ddl) {
                    st.execute(sql);
                }
            }
        }
    }
}
