package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the FOCUS Unit Format reader: well-formed unit strings, generated from the grammar of FOCUS
 * 1.0-1.2 unit_format.md (focus-units.md section 1.1), read back to the dimension and factor they were built
 * from (a round trip from parts to text to parts); the dialects change only what they say they change.
 */
class FocusUnitParserProperties {
    /** A size abbreviation of the spec's table and its bytes (case tells bits from bytes). */
    record Size(String text, double bytes) {}

    /** A time unit of the spec's list: singular, plural, seconds (a month: 1, with month power 1). */
    record Time(String singular, String plural, double seconds, int monthPower) {}

    static final List<Time> TIMES = List.of(new Time("Second", "Seconds", 1, 0), new Time("Minute", "Minutes", 60, 0),
            new Time("Hour", "Hours", 3600, 0), new Time("Day", "Days", 86400, 0), new Time("Month", "Months", 1, 1),
            new Time("Year", "Years", 12, 1));

    @Provide
    Arbitrary<Size> sizes() {
        String[] prefixes = {"K", "M", "G", "T", "P", "E"};
        Arbitrary<Size> decimalBytes = Arbitraries.integers().between(0, 6).map(i -> new Size((i == 0 ? "" : prefixes[i - 1]) + "B", Math.pow(1000, i)));
        Arbitrary<Size> decimalBits = Arbitraries.integers().between(0, 6).map(i -> new Size((i == 0 ? "" : prefixes[i - 1]) + "b", Math.pow(1000, i) / 8));
        Arbitrary<Size> binaryBytes = Arbitraries.integers().between(1, 6).map(i -> new Size(prefixes[i - 1] + "iB", Math.pow(1024, i)));
        Arbitrary<Size> binaryBits = Arbitraries.integers().between(1, 6).map(i -> new Size(prefixes[i - 1] + "ib", Math.pow(1024, i) / 8));
        return Arbitraries.oneOf(decimalBytes, decimalBits, binaryBytes, binaryBits);
    }

    @Provide
    Arbitrary<Time> times() {
        return Arbitraries.of(TIMES);
    }

    /** A capitalised count noun (spec: any unlisted noun is count-based), plural, one or two words. */
    @Provide
    Arbitrary<String> nouns() {
        Arbitrary<String> word = Arbitraries.of("Request", "Token", "Connection", "Certificate", "Domain", "Core", "Unit",
                "Query", "Event", "Character", "Widget", "Call");
        Arbitrary<String> adjective = Arbitraries.of("", "API ", "Read ", "Write ");
        return Combinators.combine(adjective, word).as((a, w) -> a + w + "s");
    }

    @Property
    void pluralSizeIsBytes(@ForAll("sizes") Size s) {
        FocusUnit u = FocusUnitParser.parse(s.text());
        assertThat(u.dimension()).isEqualTo("data_size");
        assertThat(u.factor()).isCloseTo(s.bytes(), within(s.bytes() * 1e-12));
    }

    @Property
    void quantityMultipliesTheUnit(@ForAll @IntRange(min = 1, max = 1_000_000) int quantity, @ForAll("sizes") Size s,
            @ForAll("nouns") String noun) {
        assertThat(FocusUnitParser.parse(quantity + " " + s.text()).factor()).isCloseTo(quantity * s.bytes(), within(quantity * s.bytes() * 1e-12));
        FocusUnit counted = FocusUnitParser.parse(quantity + " " + noun);
        assertThat(counted.dimension()).isEqualTo("count");
        assertThat(counted.noun()).isEqualTo(noun);
        assertThat(counted.factor()).isEqualTo((double) quantity);
    }

    @Property
    void hyphenHoldsOverTime(@ForAll("sizes") Size s, @ForAll("times") Time t) {
        FocusUnit u = FocusUnitParser.parse(s.text() + "-" + t.plural());
        assertThat(u.dimension()).isEqualTo("data_size x time");
        assertThat(u.timeIntegrated()).isTrue();
        assertThat(u.factor()).isCloseTo(s.bytes() * t.seconds(), within(s.bytes() * t.seconds() * 1e-12));
        assertThat(u.monthPower()).isEqualTo(t.monthPower());
    }

    @Property
    void slashIsARateInTheSpecAndHeldOverTimeInAProviderThatSaysSo(@ForAll("sizes") Size s, @ForAll("times") Time t) {
        FocusUnit rate = FocusUnitParser.parse(s.text() + "/" + t.singular());
        assertThat(rate.dimension()).isEqualTo("data_size / time");
        assertThat(rate.factor()).isCloseTo(s.bytes() / t.seconds(), within(s.bytes() / t.seconds() * 1e-12));
        assertThat(rate.monthPower()).isEqualTo(-t.monthPower());
        FocusUnitParser.Dialect azure = new FocusUnitParser.Dialect(false, false, false, true);
        FocusUnit held = FocusUnitParser.parse(s.text() + "/" + t.singular(), azure);
        FocusUnit hyphen = FocusUnitParser.parse(s.text() + "-" + t.plural());
        assertThat(held.dimension()).isEqualTo(hyphen.dimension());
        assertThat(held.factor()).isEqualTo(hyphen.factor());
        assertThat(held.monthPower()).isEqualTo(hyphen.monthPower());
    }

    @Property
    void intervalDividesTheRate(@ForAll("nouns") String noun, @ForAll @IntRange(min = 1, max = 1000) int interval,
            @ForAll("times") Time t) {
        FocusUnit u = FocusUnitParser.parse(noun + "/" + interval + " " + t.plural());
        assertThat(u.dimension()).isEqualTo("count / time");
        assertThat(u.factor()).isCloseTo(1 / (interval * t.seconds()), within(1e-12 / (interval * t.seconds())));
    }

    @Property
    void countHeldOverTime(@ForAll("nouns") String noun, @ForAll("times") Time t) {
        String singular = noun.substring(0, noun.length() - 1);
        FocusUnit u = FocusUnitParser.parse(singular + "-" + t.plural());
        assertThat(u.dimension()).isEqualTo("count x time");
        assertThat(u.noun()).isEqualTo(singular);
        assertThat(u.factor()).isEqualTo(t.seconds());
    }

    @Property
    void binaryDialectChangesOnlyDecimalNames(@ForAll("sizes") Size s) {
        FocusUnitParser.Dialect binary = new FocusUnitParser.Dialect(true, false, false, false);
        double read = FocusUnitParser.parse(s.text(), binary).factor();
        boolean decimalName = !s.text().contains("i") && s.text().length() == 2;
        if (!decimalName) assertThat(read).isEqualTo(s.bytes());
        else assertThat(read).isGreaterThan(s.bytes());
    }

    @Property
    void aUnitThatIsNotUnderstoodIsNamedInTheError(@ForAll("sizes") Size s,
            @ForAll @net.jqwik.api.constraints.StringLength(min = 1, max = 6) @net.jqwik.api.constraints.AlphaChars String junk) {
        net.jqwik.api.Assume.that(!junk.matches("(?i)(year|yr|month|mo|day|hour|hr|minute|min|second|sec|ms|us)s?"));
        String unit = s.text() + "/" + junk;
        assertThatThrownBy(() -> FocusUnitParser.parse(unit))
                .isInstanceOf(FocusUnitParser.UnitFormatException.class)
                .hasMessageContaining("\"" + unit + "\"");
    }

    @Example
    void bitsAndBytesByCase() {
        assertThat(FocusUnitParser.parse("Gb").factor()).isEqualTo(1e9 / 8);
        assertThat(FocusUnitParser.parse("GB").factor()).isEqualTo(1e9);
        assertThat(FocusUnitParser.parse("Gb", new FocusUnitParser.Dialect(false, true, false, false)).factor()).isEqualTo(1e9);
    }

    @Example
    void aSizeMisspelledIsNotACount() {
        assertThatThrownBy(() -> FocusUnitParser.parse("GB-Mnth")).hasMessageContaining("\"GB-Mnth\"");
        assertThatThrownBy(() -> FocusUnitParser.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> FocusUnitParser.parse("1 小时")).hasMessageContaining("小时");
    }
}
