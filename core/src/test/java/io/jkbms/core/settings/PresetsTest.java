package io.jkbms.core.settings;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.jkbms.core.settings.SettingKey.*;
import static org.assertj.core.api.Assertions.assertThat;

class PresetsTest {

    static final List<String> ALL_MODELS;

    static {
        List<String> models = new ArrayList<>();
        for (String base : new String[]{"JK-BD4A20S-12P", "JK-BD4A24S-12P"}) {
            for (String suffix : new String[]{"", "H", "C", "R", "HC", "HR", "CR", "HCR"}) {
                models.add(base + suffix);
            }
        }
        ALL_MODELS = List.copyOf(models);
    }

    static Stream<Arguments> chemistryOnEveryModel() {
        List<Arguments> args = new ArrayList<>();
        for (Chemistry c : Chemistry.values()) {
            for (String m : ALL_MODELS) {
                args.add(Arguments.of(c, m));
            }
        }
        return args.stream();
    }

    /** The voltage fields a one-click chemistry change replaces. */
    static final Set<SettingKey> CHEMISTRY_FIELDS = EnumSet.of(BATTERY_TYPE, CELL_OVP_mV, CELL_OVPR_mV, CELL_UVP_mV,
            CELL_UVPR_mV, POWER_OFF_mV, SOC100_mV, SOC0_mV, RCV_mV, RFV_mV, BALANCE_START_mV, SMART_SLEEP_mV);

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("chemistryOnEveryModel")
    void everyPresetIsValidWithoutWarningsOnEveryModel(Chemistry c, String model) {
        ValidationResult r = SettingsValidator.validate(BoardModel.parse(model), Presets.forChemistry(c));
        assertThat(r.errors()).isEmpty();
        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"NCM, 4200, 2820", "LFP, 3600, 2600", "LTO, 2700, 1800"})
    void voltagesAreTheGuides(Chemistry c, int ovp, int uvp) {
        Settings s = Presets.forChemistry(c);
        assertThat(s.chemistry()).isEqualTo(c);
        assertThat(s.get(CELL_OVP_mV)).isEqualTo(ovp);
        assertThat(s.get(CELL_UVP_mV)).isEqualTo(uvp);
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void sharedDefaultsAreTheGuides(Chemistry c) {
        Settings s = Presets.forChemistry(c);
        assertThat(s.get(BALANCE_TRIGGER_mV)).isEqualTo(10);
        assertThat(s.get(CHARGE_OCP_DELAY_s)).isEqualTo(30);
        assertThat(s.get(DISCHARGE_OCP_DELAY_s)).isEqualTo(300);
        assertThat(s.get(SCP_DELAY_us)).isEqualTo(5);
        assertThat(s.get(CHARGE_OTP_dC)).isEqualTo(700);
        assertThat(s.get(CHARGE_UTP_dC)).isEqualTo(-200);
        assertThat(s.get(BALANCE_MAX_mA)).isEqualTo(400);
        assertThat(s.get(SLEEP_DELAY_h)).isEqualTo(26);
        assertThat(s.isOn(SLEEP_ENABLED)).isTrue();
        assertThat(s.get(EMERGENCY_MINUTES)).isEqualTo(30);
        assertThat(s.get(CHARGE_OCP_mA)).isEqualTo(120_000);
        assertThat(s.get(DISCHARGE_OCP_mA)).isEqualTo(120_000);
        assertThat(s.get(DOCP3_mA)).isEqualTo(240_000);
        assertThat(s.isOn(HEATING_ENABLED)).as("heating off: only H models have it").isFalse();
        assertThat(s.commPortMode()).as("RS485: CAN needs a C model").isEqualTo(CommPortMode.RS485);
        assertThat(s.isOn(CHARGE_ENABLED)).isTrue();
        assertThat(s.isOn(DISCHARGE_ENABLED)).isTrue();
        assertThat(s.isOn(BALANCE_ENABLED)).isTrue();
        assertThat(s.wireResistances_mOhm()).containsOnly(0);
        assertThat(s.userData()).isEmpty();
    }

    @Test
    void cellCountsAreValidOnBothBases() {
        for (Chemistry c : Chemistry.values()) {
            int cells = Presets.forChemistry(c).get(CELL_COUNT);
            assertThat(cells).isBetween(c.minCells(), c.maxCells(BoardModel.parse("JK-BD4A20S-12P")));
        }
        assertThat(Presets.forChemistry(Chemistry.NCM).get(CELL_COUNT)).isEqualTo(13);
        assertThat(Presets.forChemistry(Chemistry.LFP).get(CELL_COUNT)).isEqualTo(16);
        assertThat(Presets.forChemistry(Chemistry.LTO).get(CELL_COUNT)).isEqualTo(20);
    }

    /** Guide: LFP has "the same balancing current, timing and temperature thresholds as ternary preset". */
    @Test
    void chemistriesDifferOnlyInVoltagesAndCellCount() {
        Settings ncm = Presets.forChemistry(Chemistry.NCM);
        for (Chemistry c : Chemistry.values()) {
            SettingsPatch d = Presets.forChemistry(c).diffFrom(ncm);
            Set<SettingKey> allowed = EnumSet.copyOf(CHEMISTRY_FIELDS);
            allowed.add(CELL_COUNT);
            assertThat(allowed).containsAll(d.values().keySet());
            assertThat(d.wireResistance_mOhm()).isEmpty();
            assertThat(d.userData()).isEmpty();
        }
    }

    @Test
    void presetsAreFreshEqualInstances() {
        assertThat(Presets.forChemistry(Chemistry.LFP)).isEqualTo(Presets.forChemistry(Chemistry.LFP))
                .isNotSameAs(Presets.forChemistry(Chemistry.LFP));
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void chemistryChangeCarriesOnlyTypeAndVoltages(Chemistry c) {
        SettingsPatch p = Presets.chemistryChange(c);
        assertThat(p.values().keySet()).isEqualTo(CHEMISTRY_FIELDS);
        assertThat(p.values()).doesNotContainKeys(CELL_COUNT, CAPACITY_mAh);
        assertThat(p.wireResistance_mOhm()).isEmpty();
        assertThat(p.userData()).isEmpty();
        Settings preset = Presets.forChemistry(c);
        p.values().forEach((k, v) -> assertThat(v).as(k.jsonName()).isEqualTo(preset.get(k)));
    }

    @Test
    void chemistryChangeKeepsCellCountCapacityAndUserChoices() {
        BoardModel model = BoardModel.parse("JK-BD4A24S-12P");
        Settings user = SettingsValidator.apply(model, Presets.forChemistry(Chemistry.NCM), SettingsPatch.builder()
                .set(CELL_COUNT, 16).set(CAPACITY_mAh, 280_000).set(BALANCE_ENABLED, false)
                .set(CHARGE_OTP_dC, 650).wireResistance(2, 30).userData("shed").build());

        for (Chemistry target : new Chemistry[]{Chemistry.LFP, Chemistry.LTO, Chemistry.NCM}) {
            Settings changed = SettingsValidator.apply(model, user, Presets.chemistryChange(target));
            Settings preset = Presets.forChemistry(target);
            assertThat(changed.chemistry()).isEqualTo(target);
            assertThat(changed.get(CELL_OVP_mV)).isEqualTo(preset.get(CELL_OVP_mV));
            assertThat(changed.get(CELL_UVP_mV)).isEqualTo(preset.get(CELL_UVP_mV));
            assertThat(changed.get(CELL_COUNT)).isEqualTo(16);
            assertThat(changed.get(CAPACITY_mAh)).isEqualTo(280_000);
            assertThat(changed.isOn(BALANCE_ENABLED)).isFalse();
            assertThat(changed.get(CHARGE_OTP_dC)).isEqualTo(650);
            assertThat(changed.wireResistance_mOhm(2)).isEqualTo(30);
            assertThat(changed.userData()).isEqualTo("shed");
            assertThat(CHEMISTRY_FIELDS).containsAll(changed.diffFrom(user).values().keySet());
        }
    }

    @Test
    void chemistryChangeToLtoOn13NcmCellsIsRefusedForTheCellCount() {
        BoardModel model = BoardModel.parse("JK-BD4A20S-12P");
        Settings ncm = Presets.forChemistry(Chemistry.NCM);
        ValidationResult r = SettingsValidator.validate(model, ncm.with(Presets.chemistryChange(Chemistry.LTO)));
        assertThat(r.errors()).extracting(Violation::field).containsExactly("cell_count");
        assertThat(r.errors().get(0).value()).isEqualTo("13");
        assertThat(r.errors().get(0).allowed()).isEqualTo("14..20");
    }
}
