package io.jkbms.core.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoardModelTest {

    /** Every ordering of every subset of "HCR": "", "H", "C", "R", "HC", "CH", ..., "HCR", "RCH", ... (16 strings). */
    static List<String> allSuffixPermutations() {
        List<String> out = new ArrayList<>();
        permute("", "HCR", out);
        return out;
    }

    private static void permute(String prefix, String remaining, List<String> out) {
        out.add(prefix);
        for (int i = 0; i < remaining.length(); i++) {
            permute(prefix + remaining.charAt(i), remaining.substring(0, i) + remaining.substring(i + 1), out);
        }
    }

    static Stream<Arguments> everyBaseAndSuffixOrder() {
        List<Arguments> args = new ArrayList<>();
        for (int base : new int[]{20, 24}) {
            for (String suffix : allSuffixPermutations()) {
                args.add(Arguments.of(base, suffix));
            }
        }
        return args.stream();
    }

    private static Set<BoardFunction> functionsOf(String suffix) {
        EnumSet<BoardFunction> fs = EnumSet.noneOf(BoardFunction.class);
        for (char c : suffix.toCharArray()) {
            fs.add(BoardFunction.ofSuffix(c));
        }
        return fs;
    }

    private static String canonicalSuffix(String suffix) {
        StringBuilder sb = new StringBuilder();
        for (char c : "HCR".toCharArray()) {
            if (suffix.indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void suffixPermutationsCoverAllSixteenOrderings() {
        assertThat(allSuffixPermutations()).hasSize(16).doesNotHaveDuplicates()
                .contains("", "H", "C", "R", "HCR", "RCH", "CRH", "RH", "HR");
    }

    @ParameterizedTest(name = "BD4A{0}S-12P{1}")
    @MethodSource("everyBaseAndSuffixOrder")
    void parsesEveryBaseAndSuffixCombinationInAnyOrder(int base, String suffix) {
        String canonical = "JK-BD4A" + base + "S-12P" + canonicalSuffix(suffix);
        for (String text : List.of("JK-BD4A" + base + "S-12P" + suffix, "BD4A" + base + "S-12P" + suffix,
                ("jk-bd4a" + base + "s-12p" + suffix).toLowerCase(), "  JK-BD4A" + base + "S-12P" + suffix + " ")) {
            BoardModel m = BoardModel.parse(text);
            assertThat(m.maxCells()).as(text).isEqualTo(base);
            assertThat(m.functions()).as(text).isEqualTo(functionsOf(suffix));
            assertThat(m.name()).as(text).isEqualTo(canonical);
            assertThat(m.toString()).isEqualTo(canonical);
            for (BoardFunction f : BoardFunction.values()) {
                assertThat(m.has(f)).as(text + " has " + f).isEqualTo(suffix.indexOf(f.suffix()) >= 0);
            }
            assertThat(BoardModel.parse(m.name())).isEqualTo(m);
        }
    }

    @Test
    void examplesFromTheGuide() {
        BoardModel hcr = BoardModel.parse("JK-BD4A24S-12PHCR");
        assertThat(hcr.maxCells()).isEqualTo(24);
        assertThat(hcr.functions()).containsExactlyInAnyOrder(BoardFunction.HEATING, BoardFunction.CAN, BoardFunction.RS485);
        assertThat(hcr.name()).isEqualTo("JK-BD4A24S-12PHCR");

        BoardModel rh = BoardModel.parse("JK-BD4A20S-12PRH");
        assertThat(rh.maxCells()).isEqualTo(20);
        assertThat(rh.functions()).containsExactlyInAnyOrder(BoardFunction.HEATING, BoardFunction.RS485);
        assertThat(rh.name()).isEqualTo("JK-BD4A20S-12PHR");

        assertThat(BoardModel.parse("bd4a20s-12p").name()).isEqualTo("JK-BD4A20S-12P");
        assertThat(BoardModel.parse("jk-bd4a24s-12pch")).isEqualTo(BoardModel.parse("JK-BD4A24S-12PHC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JK-BD4A25S-12P", "JK-BD4A16S-12P", "JK-BD4A32S-12P", "hello", "", "JK-BD4A24S",
            "JK-BD4A24S-10P", "JK-BD4A24S-12P-H", "JK-BD4A24S-12P H", "XX-BD4A24S-12P", "JK-BD6A24S-12P", "JK-BD4A2 4S-12P"})
    void rejectsStringsThatAreNotAModelNamingTheInput(String text) {
        assertThatThrownBy(() -> BoardModel.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("JK-BD4A20S-12P");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JK-BD4A24S-12PX", "JK-BD4A20S-12PHX", "jk-bd4a24s-12pq", "JK-BD4A24S-12PHCRG"})
    void rejectsAnUnknownSuffixLetterNamingInputAndLetter(String text) {
        char bad = Character.toUpperCase(text.charAt(text.length() - 1));
        assertThatThrownBy(() -> BoardModel.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("'" + bad + "'")
                .hasMessageContaining("unknown function suffix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JK-BD4A24S-12PHH", "JK-BD4A20S-12PHCH", "JK-BD4A24S-12PCRC", "jk-bd4a20s-12prr"})
    void rejectsADuplicateSuffixNamingInputAndLetter(String text) {
        char dup = Character.toUpperCase(text.charAt(text.length() - 1));
        assertThatThrownBy(() -> BoardModel.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("suffix '" + dup + "' appears twice");
    }

    @Test
    void constructorAcceptsOnly20Or24Cells() {
        assertThat(new BoardModel(20, Set.of()).name()).isEqualTo("JK-BD4A20S-12P");
        assertThat(new BoardModel(24, Set.of(BoardFunction.CAN)).name()).isEqualTo("JK-BD4A24S-12PC");
        for (int bad : new int[]{0, 16, 19, 21, 23, 25, 32}) {
            assertThatThrownBy(() -> new BoardModel(bad, Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Integer.toString(bad));
        }
    }

    @Test
    void functionsAreCopiedAndUnmodifiable() {
        EnumSet<BoardFunction> given = EnumSet.of(BoardFunction.HEATING);
        BoardModel m = new BoardModel(24, given);
        given.add(BoardFunction.CAN);
        assertThat(m.has(BoardFunction.CAN)).isFalse();
        assertThat(m.functions()).containsExactly(BoardFunction.HEATING);
        assertThatThrownBy(() -> m.functions().add(BoardFunction.RS485)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> BoardModel.parse("JK-BD4A20S-12P").functions().add(BoardFunction.CAN))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityIgnoresSuffixOrder() {
        BoardModel a = BoardModel.parse("JK-BD4A24S-12PRCH");
        BoardModel b = BoardModel.parse("JK-BD4A24S-12PHCR");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(BoardModel.parse("JK-BD4A20S-12PHCR"));
        assertThat(a).isNotEqualTo(BoardModel.parse("JK-BD4A24S-12PHC"));
    }

    @Test
    void withFunctionAddsOneFunctionAndLeavesTheOriginal() {
        BoardModel plain = BoardModel.parse("JK-BD4A20S-12P");
        BoardModel h = plain.withFunction(BoardFunction.HEATING);
        assertThat(h.name()).isEqualTo("JK-BD4A20S-12PH");
        assertThat(plain.functions()).isEmpty();
        assertThat(h.withFunction(BoardFunction.HEATING)).isEqualTo(h);
        assertThat(h.withFunction(BoardFunction.RS485).withFunction(BoardFunction.CAN).name()).isEqualTo("JK-BD4A20S-12PHCR");
    }

    @Test
    void requirePassesWhenTheModelHasTheFunction() {
        BoardModel m = BoardModel.parse("JK-BD4A24S-12PHCR");
        for (BoardFunction f : BoardFunction.values()) {
            m.require(f); // must not throw
            assertThat(m.has(f)).isTrue();
        }
    }

    @Test
    void requireHeatingWithoutHNamesTheModelAndTheSuffix() {
        BoardModel m = BoardModel.parse("JK-BD4A20S-12PCR");
        assertThatThrownBy(() -> m.require(BoardFunction.HEATING))
                .isInstanceOfSatisfying(UnsupportedFunctionException.class, e -> {
                    assertThat(e.model()).isEqualTo(m);
                    assertThat(e.function()).isEqualTo(BoardFunction.HEATING);
                })
                .hasMessageContaining("JK-BD4A20S-12PCR")
                .hasMessageContaining("'H'")
                .hasMessageContaining("heating")
                .hasMessageContaining("JK-BD4A20S-12PHCR");
    }

    @Test
    void requireNamesTheMissingSuffixForEveryFunction() {
        BoardModel plain = BoardModel.parse("JK-BD4A24S-12P");
        for (BoardFunction f : BoardFunction.values()) {
            assertThatThrownBy(() -> plain.require(f))
                    .isInstanceOf(UnsupportedFunctionException.class)
                    .hasMessageContaining("JK-BD4A24S-12P")
                    .hasMessageContaining("'" + f.suffix() + "'")
                    .hasMessageContaining(f.description());
        }
    }

    @Test
    void ratingsMatchTheGuide() {
        assertThat(BoardModel.MAX_CONTINUOUS_CURRENT_mA).isEqualTo(120_000);
        assertThat(BoardModel.MAX_PEAK_CURRENT_mA).isEqualTo(240_000);
        assertThat(BoardModel.MAX_BALANCE_CURRENT_mA).isEqualTo(400);
        assertThat(BoardModel.MIN_SUPPLY_mV).isEqualTo(20_000);
        assertThat(BoardModel.MAX_SUPPLY_mV).isEqualTo(100_000);
        assertThat(BoardModel.MAIN_PATH_RESISTANCE_uOhm).isEqualTo(900);
        assertThat(BoardModel.HEATING_CURRENT_mA).isEqualTo(10_000);
        assertThat(BoardModel.STANDARD_EXTERNAL_SENSORS).isEqualTo(2);
        assertThat(BoardModel.MAX_EXTERNAL_SENSORS).isEqualTo(4);
    }
}
