package org.plumbline.log.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deterministic mutation fuzzing of every parser, so that the ordinary test run fuzzes even where
 * Jazzer's coverage-guided mode is not available (see docs/log-formats.md). Each target starts
 * from valid seeds and applies seeded random mutations aware of the formats' separators (newlines,
 * spaces, '+', the em dash, base64 and digits); a failing input is printed in hex with the seed so
 * that it can be replayed.
 *
 * <p>The timeout is a hang detector, not a performance assertion: the iterations take well under
 * a second each target on a 2-core machine, so hitting it means a parser looped.
 */
class MutationFuzzTest {
    static final int ITERATIONS = 20_000;
    static final byte[][] TOKENS = {
        "\n".getBytes(StandardCharsets.UTF_8), "\n\n".getBytes(StandardCharsets.UTF_8), " ".getBytes(StandardCharsets.UTF_8),
        "\t".getBytes(StandardCharsets.UTF_8), "+".getBytes(StandardCharsets.UTF_8), "— ".getBytes(StandardCharsets.UTF_8),
        "=".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8), "9".getBytes(StandardCharsets.UTF_8),
        "-".getBytes(StandardCharsets.UTF_8), "#".getBytes(StandardCharsets.UTF_8), "AAAA".getBytes(StandardCharsets.UTF_8),
        "index ".getBytes(StandardCharsets.UTF_8), "extra ".getBytes(StandardCharsets.UTF_8),
        "group g 2 ".getBytes(StandardCharsets.UTF_8), "quorum ".getBytes(StandardCharsets.UTF_8), "none".getBytes(StandardCharsets.UTF_8),
        "all".getBytes(StandardCharsets.UTF_8), "99999999999999999999".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xe2}, {(byte) 0xe2, (byte) 0x80}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xff}, {0}, {0x0d}, {0x7f}, "\u3000".getBytes(StandardCharsets.UTF_8),
        "x".getBytes(StandardCharsets.UTF_8), "/".getBytes(StandardCharsets.UTF_8), ".p/".getBytes(StandardCharsets.UTF_8),
        "tile/".getBytes(StandardCharsets.UTF_8), "entries".getBytes(StandardCharsets.UTF_8),
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"note", "checkpoint", "keys", "policy", "proof", "tilePath", "entryBundle"})
    @Timeout(120)
    void parserOnlyThrowsItsDocumentedException(String target) {
        Consumer<byte[]> run = switch (target) {
            case "note" -> FuzzTargets::note;
            case "checkpoint" -> FuzzTargets::checkpoint;
            case "keys" -> FuzzTargets::keys;
            case "policy" -> FuzzTargets::policy;
            case "proof" -> FuzzTargets::proof;
            case "tilePath" -> FuzzTargets::tilePath;
            case "entryBundle" -> FuzzTargets::entryBundle;
            default -> throw new IllegalArgumentException(target);
        };
        List<byte[]> seeds = Seeds.forTarget(target);
        for (byte[] s : seeds) {
            run.accept(s); // every seed itself must be accepted without a crash
        }
        long base = target.hashCode();
        int parsed = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Random random = new Random(base * 1_000_003L + i);
            byte[] input = mutate(seeds, random);
            try {
                run.accept(input);
            } catch (RuntimeException | Error e) {
                throw new AssertionError(target + " crashed on iteration " + i + " with " + e
                        + "; input (hex): " + HexFormat.of().formatHex(input), e);
            }
            parsed++;
        }
        assertThat(parsed).isEqualTo(ITERATIONS);
    }

    static byte[] mutate(List<byte[]> seeds, Random random) {
        byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(random.nextInt(8) + 1);
        for (int m = 0; m < mutations; m++) {
            data = mutateOnce(data, seeds, random);
        }
        return data;
    }

    private static byte[] mutateOnce(byte[] data, List<byte[]> seeds, Random random) {
        int n = data.length;
        int at = n == 0 ? 0 : random.nextInt(n + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(9)) {
            case 0 -> { // flip one bit
                if (n > 0) {
                    data[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
                return data;
            }
            case 1 -> { // overwrite one byte
                if (n > 0) {
                    data[random.nextInt(n)] = (byte) random.nextInt(256);
                }
                return data;
            }
            case 2, 3 -> { // insert a format token
                byte[] token = TOKENS[random.nextInt(TOKENS.length)];
                out.write(data, 0, at);
                out.writeBytes(token);
                out.write(data, at, n - at);
            }
            case 4 -> { // delete a range
                int len = n - at == 0 ? 0 : 1 + random.nextInt(Math.min(n - at, 16));
                out.write(data, 0, at);
                out.write(data, at + len, n - at - len);
            }
            case 5 -> { // duplicate a range (e.g. repeat a line)
                int len = n - at == 0 ? 0 : 1 + random.nextInt(Math.min(n - at, 120));
                out.write(data, 0, at + len);
                out.write(data, at, n - at);
            }
            case 6 -> { // truncate
                return java.util.Arrays.copyOf(data, at);
            }
            case 7 -> { // splice in part of another seed
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = random.nextInt(other.length);
                int len = random.nextInt(other.length - from + 1);
                out.write(data, 0, at);
                out.write(other, from, len);
                out.write(data, at, n - at);
            }
            default -> { // swap two lines' worth: move a chunk elsewhere
                if (n < 2) {
                    return data;
                }
                int from = random.nextInt(n);
                int len = 1 + random.nextInt(Math.min(n - from, 60));
                byte[] chunk = java.util.Arrays.copyOfRange(data, from, from + len);
                byte[] rest = new byte[n - len];
                System.arraycopy(data, 0, rest, 0, from);
                System.arraycopy(data, from + len, rest, from, n - from - len);
                int to = random.nextInt(rest.length + 1);
                out.write(rest, 0, to);
                out.writeBytes(chunk);
                out.write(rest, to, rest.length - to);
            }
        }
        return out.toByteArray();
    }
}
