package io.jkbms.core.time;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualClockTest {

    @Test
    void startsAtZeroOrTheGivenTime() {
        assertThat(new ManualClock().now_ms()).isZero();
        assertThat(new ManualClock(5_000).now_ms()).isEqualTo(5_000);
    }

    @Test
    void movesOnlyWhenAdvanced() {
        ManualClock c = new ManualClock(10);
        assertThat(c.now_ms()).isEqualTo(10);
        assertThat(c.now_ms()).isEqualTo(10);
        c.advance(100);
        assertThat(c.now_ms()).isEqualTo(110);
        c.advance(0);
        assertThat(c.now_ms()).isEqualTo(110);
        for (int i = 0; i < 10; i++) {
            c.advance(100);
        }
        assertThat(c.now_ms()).isEqualTo(1_110);
    }

    @Test
    void refusesToGoBackwards() {
        ManualClock c = new ManualClock(1_000);
        assertThatThrownBy(() -> c.advance(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThat(c.now_ms()).isEqualTo(1_000);
    }

    @Test
    void refusesANegativeStart() {
        assertThatThrownBy(() -> new ManualClock(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void isAClock() {
        ManualClock m = new ManualClock(42);
        Clock c = m;
        m.advance(8);
        assertThat(c.now_ms()).isEqualTo(50);
        Clock fixed = () -> 7L;
        assertThat(fixed.now_ms()).isEqualTo(7L);
    }
}
