package io.jkbms.core.settings;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Round trips of the settings' JSON form and of diffs, over arbitrary in-range settings and patches. */
class SettingsPropertiesTest {

    private static final BoardModel FULL_24S = BoardModel.parse("JK-BD4A24S-12PHCR");

    @Provide
    Arbitrary<SettingsPatch> patches() {
        Arbitrary<Map.Entry<SettingKey, Integer>> entry = Arbitraries.of(SettingKey.class)
                .flatMap(k -> Arbitraries.integers().between(k.min(), k.max()).map(v -> Map.entry(k, v)));
        Arbitrary<List<Map.Entry<SettingKey, Integer>>> entries = entry.list().ofMaxSize(25);
        Arbitrary<List<Map.Entry<Integer, Integer>>> wires = Combinators.combine(
                        Arbitraries.integers().between(1, Settings.WIRE_CHANNELS),
                        Arbitraries.integers().between(0, Settings.WIRE_RESISTANCE_MAX_mOhm))
                .as(Map::entry).list().ofMaxSize(6);
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(Settings.USER_DATA_MAX_CHARS);
        Arbitrary<java.util.Optional<String>> userData = text.optional();
        return Combinators.combine(entries, wires, userData).as((es, ws, u) -> {
            SettingsPatch.Builder b = SettingsPatch.builder();
            es.forEach(e -> b.set(e.getKey(), e.getValue()));
            ws.forEach(w -> b.wireResistance(w.getKey(), w.getValue()));
            u.ifPresent(b::userData);
            return b.build();
        });
    }

    @Provide
    Arbitrary<Settings> settings() {
        return Combinators.combine(Arbitraries.of(Chemistry.class), patches())
                .as((c, p) -> Presets.forChemistry(c).with(p));
    }

    /** The full JSON form parses back to the same settings, whatever the starting point. */
    @Property(tries = 300)
    void namedValuesParseBackToTheSameSettings(@ForAll("settings") Settings s, @ForAll Chemistry start) {
        SettingsPatch parsed = SettingsPatch.parse(s.toNamedValues());
        assertThat(Presets.forChemistry(start).with(parsed)).isEqualTo(s);
        assertThat(parsed.values()).hasSize(SettingKey.values().length);
        assertThat(parsed.wireResistance_mOhm()).hasSize(Settings.WIRE_CHANNELS);
    }

    /** A patch of scalar fields and user data survives its own named form. */
    @Property(tries = 300)
    void scalarPatchNamedValuesParseBack(@ForAll("patches") SettingsPatch p) {
        SettingsPatch scalar = new SettingsPatch(p.values(), Map.of(), p.userData());
        assertThat(SettingsPatch.parse(scalar.toNamedValues())).isEqualTo(scalar);
    }

    @Property(tries = 300)
    void diffFromRoundTrips(@ForAll("settings") Settings a, @ForAll("settings") Settings b) {
        SettingsPatch d = b.diffFrom(a);
        assertThat(a.with(d)).isEqualTo(b);
        assertThat(d.isEmpty()).isEqualTo(a.equals(b));
        // The diff names only fields that really differ.
        d.values().forEach((k, v) -> assertThat(a.get(k)).isNotEqualTo(v));
        d.wireResistance_mOhm().forEach((cell, v) -> assertThat(a.wireResistance_mOhm(cell)).isNotEqualTo(v));
    }

    @Property(tries = 300)
    void equalSettingsHaveEqualHashCodes(@ForAll("settings") Settings s) {
        Settings copy = Presets.forChemistry(Chemistry.LTO).with(SettingsPatch.parse(s.toNamedValues()));
        assertThat(copy).isEqualTo(s).hasSameHashCodeAs(s);
    }

    /** apply either returns exactly current + patch (valid) or throws and changes nothing. */
    @Property(tries = 300)
    void applyIsAllOrNothing(@ForAll Chemistry c, @ForAll("patches") SettingsPatch p) {
        Settings current = Presets.forChemistry(c);
        ValidationResult r = SettingsValidator.validate(FULL_24S, current.with(p));
        if (r.isValid()) {
            Settings next = SettingsValidator.apply(FULL_24S, current, p);
            assertThat(next).isEqualTo(current.with(p));
        } else {
            assertThatThrownBy(() -> SettingsValidator.apply(FULL_24S, current, p))
                    .isInstanceOfSatisfying(InvalidSettingsException.class,
                            e -> assertThat(e.violations()).isEqualTo(r.errors()));
        }
        assertThat(current).isEqualTo(Presets.forChemistry(c));
    }
}
