package io.jkbms.app.history;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What a history chart draws (GET /api/history): the times and, per metric, the average and (for roll-ups) the min
 * and max of each point. A null value is a gap (the board was offline) or a sensor without a reading.
 *
 * @param eventsTruncated there were more events in the range than the chart carries (the newest are kept)
 * @param series {@code packVoltage_mV}, {@code current_mA}, {@code soc_pct}, {@code balanceCurrent_mA},
 *               {@code spread_mV} as {@link Band}s; {@code cell_mV} and {@code temperature_dC} as lists of them
 */
public record ChartData(String resolution, long step_ms, long from_ms, long to_ms, int cells, List<String> sensors,
                        long[] time_ms, Map<String, Object> series, List<StoredEvent> events,
                        boolean eventsTruncated) {

    /** One metric over the points; min and max are absent at raw resolution, where they equal the average. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Band(Integer[] avg, Integer[] min, Integer[] max) {
    }
}
