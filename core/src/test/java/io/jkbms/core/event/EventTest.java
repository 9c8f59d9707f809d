package io.jkbms.core.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTest {

    @Test
    void ofHasNoCellNoValueAndNoUnit() {
        Event e = Event.of(1_500, EventType.SETTINGS, Phase.CHANGE, "cell_ovp_mV: 3600 -> 3650 (by app)");
        assertThat(e.time_ms()).isEqualTo(1_500);
        assertThat(e.type()).isEqualTo(EventType.SETTINGS);
        assertThat(e.phase()).isEqualTo(Phase.CHANGE);
        assertThat(e.cell()).isEqualTo(Event.NO_CELL).isZero();
        assertThat(e.value()).isZero();
        assertThat(e.unit()).isEmpty();
        assertThat(e.detail()).isEqualTo("cell_ovp_mV: 3600 -> 3650 (by app)");
    }

    @Test
    void toStringShowsCellAndValueOnlyWhenPresent() {
        assertThat(new Event(12_000, EventType.CELL_OVP, Phase.TRIP, 5, 3651, "mV", "above 3650 mV for 5 s"))
                .hasToString("12000 ms CELL_OVP TRIP cell 5 3651 mV \u2014 above 3650 mV for 5 s");
        assertThat(Event.of(0, EventType.SLEEP, Phase.START, ""))
                .hasToString("0 ms SLEEP START");
        assertThat(new Event(7, EventType.CHARGE_OTP, Phase.RECOVER, Event.NO_CELL, 590, "dC", ""))
                .hasToString("7 ms CHARGE_OTP RECOVER 590 dC");
    }

    @Test
    void eventsAreValuesAndHaveNoMutableParts() {
        Event a = new Event(1, EventType.BALANCE, Phase.START, 3, 400, "mA", "3 -> 7");
        Event b = new Event(1, EventType.BALANCE, Phase.START, 3, 400, "mA", "3 -> 7");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Event(1, EventType.BALANCE, Phase.STOP, 3, 400, "mA", "3 -> 7"));
        for (var c : Event.class.getRecordComponents()) {
            assertThat(c.getType().isArray()).as(c.getName()).isFalse();
        }
    }

    @Test
    void listenersReceiveEvents() {
        List<Event> got = new ArrayList<>();
        EventListener l = got::add;
        Event e = Event.of(5, EventType.EMERGENCY, Phase.START, "30 min");
        l.onEvent(e);
        assertThat(got).containsExactly(e);
    }
}
