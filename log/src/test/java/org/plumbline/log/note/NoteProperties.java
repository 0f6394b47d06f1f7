package org.plumbline.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For random note texts (any Unicode without control characters, blank lines included) and random
 * checkpoints: signing, formatting and parsing round-trip exactly, the signature verifies, and any
 * change to one character of the text makes it fail.
 */
class NoteProperties {
    static final SigningKey LOG = SigningKey.generate("example.org/prop", KeyType.ED25519);
    static final SigningKey WITNESS = SigningKey.generate("w.example", KeyType.COSIGNATURE_V1);

    @Provide
    Arbitrary<String> noteTexts() {
        // Every BMP character except controls below U+0020 and surrogates, plus astral characters.
        Arbitrary<String> line = Arbitraries.strings()
                .withCharRange('\u0020', '\ud7ff')
                .withCharRange('\ue000', '\uffff')
                .ofMaxLength(40);
        Arbitrary<String> astral = Arbitraries.of("\ud83d\ude00", "\ud800\udc00", "\udbff\udfff");
        line = Arbitraries.oneOf(line, Combinators.combine(line, astral).as((a, b) -> a + b));
        return line.list().ofMinSize(1).ofMaxSize(6).map(lines -> String.join("\n", lines) + "\n");
    }

    @Property(tries = 200)
    void signedNotesRoundTripAndVerify(@ForAll("noteTexts") String text) throws Exception {
        SignedNote note = SignedNote.sign(text, LOG, WITNESS);
        byte[] bytes = note.toBytes();
        SignedNote parsed = SignedNote.parse(bytes);
        assertThat(parsed.text()).isEqualTo(text);
        assertThat(parsed.toBytes()).isEqualTo(bytes);
        VerifiedNote v = parsed.verify(List.of(LOG.verifierKey(), WITNESS.verifierKey()));
        assertThat(v.signers()).hasSize(2);
    }

    @Property(tries = 200)
    void changingOneCharacterOfTheTextBreaksTheSignature(
            @ForAll("noteTexts") String text, @ForAll @IntRange(min = 0, max = 10_000) int where) throws Exception {
        String signed = SignedNote.sign(text, LOG).toString();
        int i = where % (text.length());
        char c = text.charAt(i);
        char replacement = c == 'a' ? 'b' : 'a';
        String changed = signed.substring(0, i) + replacement + signed.substring(i + 1);
        byte[] bytes = changed.getBytes(StandardCharsets.UTF_8);
        SignedNote parsed;
        try {
            parsed = SignedNote.parse(bytes);
        } catch (NoteFormatException e) {
            return; // replacing a newline can leave no blank line before the signatures: also a refusal
        }
        assertThatThrownBy(() -> parsed.verify(List.of(LOG.verifierKey())))
                .isInstanceOf(NoteVerificationException.class);
    }

    @Property(tries = 300)
    void checkpointsRoundTrip(
            @ForAll("origins") String origin,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int sizeSeed,
            @ForAll byte[] rootSeed,
            @ForAll("extensions") List<String> extensions) throws Exception {
        byte[] root = new byte[32];
        for (int i = 0; i < rootSeed.length; i++) {
            root[i % 32] ^= rootSeed[i];
        }
        long size = (long) sizeSeed * sizeSeed;
        Checkpoint c = new Checkpoint(origin, size, root, extensions);
        assertThat(Checkpoint.parse(c.text())).isEqualTo(c);
        byte[] note = SignedNote.sign(c.text(), SigningKey.generate(origin.replace(' ', '_').replace('+', '_'), KeyType.ED25519))
                .toBytes();
        assertThat(Checkpoint.parse(SignedNote.parse(note).text())).isEqualTo(c);
    }

    @Provide
    Arbitrary<String> origins() {
        return Arbitraries.strings().withCharRange('!', '~').withChars('é', '—').ofMinLength(1).ofMaxLength(30)
                .filter(s -> Text.invalidNameReason(s.replace(' ', '_').replace('+', '_')) == null);
    }

    @Provide
    Arbitrary<List<String>> extensions() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20).list().ofMaxSize(3);
    }
}
