package io.jkbms.core.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChemistryTest {

    /** Guide, "Base Models by String Count": 20S: NCM 7-20, LFP 8-20, LTO 14-20; 24S: 7-24, 8-24, 14-24. */
    @ParameterizedTest(name = "{0} on {1}: {2}..{3}")
    @CsvSource({
            "NCM, JK-BD4A20S-12P, 7, 20",
            "LFP, JK-BD4A20S-12P, 8, 20",
            "LTO, JK-BD4A20S-12P, 14, 20",
            "NCM, JK-BD4A24S-12P, 7, 24",
            "LFP, JK-BD4A24S-12P, 8, 24",
            "LTO, JK-BD4A24S-12P, 14, 24",
            "NCM, JK-BD4A20S-12PHCR, 7, 20",
            "LTO, JK-BD4A24S-12PHCR, 14, 24",
    })
    void seriesRangesPerModelAreTheGuides(Chemistry chemistry, String model, int min, int max) {
        assertThat(chemistry.minCells()).isEqualTo(min);
        assertThat(chemistry.maxCells(BoardModel.parse(model))).isEqualTo(max);
    }

    @Test
    void maxCellsDoesNotDependOnSuffixes() {
        for (Chemistry c : Chemistry.values()) {
            for (String base : new String[]{"JK-BD4A20S-12P", "JK-BD4A24S-12P"}) {
                int plain = c.maxCells(BoardModel.parse(base));
                for (String suffix : new String[]{"H", "C", "R", "HC", "HR", "CR", "HCR"}) {
                    assertThat(c.maxCells(BoardModel.parse(base + suffix))).isEqualTo(plain);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "LFP, LFP", "lfp, LFP", "' LiFePO4 ', LFP", "lifepo4, LFP",
            "NCM, NCM", "ncm, NCM", "NMC, NCM", "ternary, NCM", "Ternary, NCM", "li-ion, NCM", "Li-Ion, NCM", "liion, NCM",
            "LTO, LTO", "lto, LTO", "' lto ', LTO",
    })
    void parseAcceptsNamesAndAliases(String text, Chemistry expected) {
        assertThat(Chemistry.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lipo", "LiPo", "NiMH", "LFPX", "lead acid", "li ion"})
    void parseRejectsOthersNamingTheInput(String text) {
        assertThatThrownBy(() -> Chemistry.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("LFP, NCM, LTO");
    }

    @Test
    void parseAcceptsEveryEnumName() {
        for (Chemistry c : Chemistry.values()) {
            assertThat(Chemistry.parse(c.name())).isEqualTo(c);
            assertThat(Chemistry.parse(c.name().toLowerCase())).isEqualTo(c);
        }
    }

    @Test
    void jkCodesAreTheBoardsBatteryTypeNumbers() {
        assertThat(Chemistry.LFP.jkCode()).isZero();
        assertThat(Chemistry.NCM.jkCode()).isEqualTo(1);
        assertThat(Chemistry.LTO.jkCode()).isEqualTo(2);
        for (Chemistry c : Chemistry.values()) {
            assertThat(Chemistry.ofJkCode(c.jkCode())).isEqualTo(c);
        }
        for (int bad : new int[]{-1, 3, 255}) {
            assertThatThrownBy(() -> Chemistry.ofJkCode(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Integer.toString(bad));
        }
    }

    @Test
    void descriptionsNameTheChemistry() {
        assertThat(Chemistry.NCM.description()).contains("NCM").contains("ternary");
        assertThat(Chemistry.LFP.description()).contains("LFP").contains("phosphate");
        assertThat(Chemistry.LTO.description()).contains("LTO").contains("titanate");
    }
}
