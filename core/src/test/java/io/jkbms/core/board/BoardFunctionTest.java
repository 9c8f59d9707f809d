package io.jkbms.core.board;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoardFunctionTest {

    @Test
    void suffixLettersAreTheGuides() {
        assertThat(BoardFunction.HEATING.suffix()).isEqualTo('H');
        assertThat(BoardFunction.CAN.suffix()).isEqualTo('C');
        assertThat(BoardFunction.RS485.suffix()).isEqualTo('R');
    }

    @Test
    void ofSuffixIgnoresCase() {
        for (BoardFunction f : BoardFunction.values()) {
            assertThat(BoardFunction.ofSuffix(f.suffix())).isEqualTo(f);
            assertThat(BoardFunction.ofSuffix(Character.toLowerCase(f.suffix()))).isEqualTo(f);
        }
    }

    @Test
    void ofSuffixRejectsOtherLettersNamingThem() {
        for (char c : new char[]{'X', 'G', 'P', 'A', 'z'}) {
            assertThatThrownBy(() -> BoardFunction.ofSuffix(c))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + c + "'")
                    .hasMessageContaining("H heating, C CAN, R RS485");
        }
    }

    @Test
    void descriptionsSayWhatTheFunctionIs() {
        assertThat(BoardFunction.HEATING.description()).containsIgnoringCase("heating");
        assertThat(BoardFunction.CAN.description()).contains("CAN");
        assertThat(BoardFunction.RS485.description()).contains("RS485");
    }
}
