package io.jkbms.app.device;

import io.jkbms.core.telemetry.TemperatureReading;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusEventsTest {
    private static StatusView view(long t, boolean chargeMos, List<StatusView.AlarmView> alarms) {
        return new StatusView(true, "", "board", t, t, t, "ON", 52_000, 0, 0, 50, 0, 0, 0, 0, 100, 0,
                List.of(3300, 3301), 2, 1, 3300, 1, List.of(), new StatusView.Balancer(false, 0, 0, 0),
                StatusView.Temperature.of("MOS", TemperatureReading.ABSENT), List.of(), chargeMos, true, false, false,
                0, false, 0, false, alarms);
    }

    private static final StatusView.AlarmView OVP = new StatusView.AlarmView("CELL_OVP", "cell over-voltage");

    @Test
    void aRealBoardsTripRecoveryAndSwitchesAreSeenAsChangesBetweenReadings() {
        StatusEvents events = new StatusEvents();
        assertThat(events.next(view(1000, true, List.of()))).isEmpty();
        List<EventView> trip = events.next(view(2000, false, List.of(OVP)));
        assertThat(trip).extracting(EventView::event, EventView::phase, EventView::time_ms)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CELL_OVP", "TRIP", 2000L),
                        org.assertj.core.groups.Tuple.tuple("SWITCH", "OFF", 2000L));
        assertThat(trip.get(1).text()).isEqualTo("charge MOSFET off");
        assertThat(events.next(view(3000, false, List.of(OVP)))).isEmpty();
        assertThat(events.next(view(4000, true, List.of()))).extracting(EventView::event, EventView::phase)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CELL_OVP", "RECOVER"),
                        org.assertj.core.groups.Tuple.tuple("SWITCH", "ON"));
    }
}
