package org.plumbline.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties JCS must have whatever the input: a fixed point, independent of member order. */
class CanonicalJsonPropertiesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** A random JSON tree (objects, arrays, strings with any BMP/astral characters, doubles, literals). */
    private static JsonNode tree(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
        return switch (kind) {
            case 0 -> F.textNode(text(r));
            case 1 -> F.numberNode(r.nextBoolean() ? (double) r.nextInt() : Double.longBitsToDouble(finiteBits(r)));
            case 2 -> F.booleanNode(r.nextBoolean());
            case 3 -> F.nullNode();
            case 4 -> {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) a.add(tree(r, depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) o.set(text(r), tree(r, depth + 1));
                yield o;
            }
        };
    }

    private static long finiteBits(Random r) {
        while (true) {
            long bits = r.nextLong();
            double d = Double.longBitsToDouble(bits);
            if (!Double.isNaN(d) && !Double.isInfinite(d)) return bits;
        }
    }

    private static String text(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            switch (r.nextInt(5)) {
                case 0 -> sb.append((char) r.nextInt(0x20));
                case 1 -> sb.append((char) (0x20 + r.nextInt(0x60)));
                case 2 -> sb.append((char) (0xA0 + r.nextInt(0xD000)));
                case 3 -> sb.appendCodePoint(0x10000 + r.nextInt(0xFFFF));
                default -> sb.append("\"\\/".charAt(r.nextInt(3)));
            }
        }
        return sb.toString();
    }

    /** The same tree with every object's members inserted in a shuffled order. */
    private static JsonNode shuffled(JsonNode n, Random r) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, r);
            ObjectNode o = F.objectNode();
            for (String name : names) o.set(name, shuffled(n.get(name), r));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = F.arrayNode();
            n.forEach(x -> a.add(shuffled(x, r)));
            return a;
        }
        return n;
    }

    @Property(tries = 300)
    void canonicalFormIsAFixedPoint(@ForAll("seeds") long seed) {
        JsonNode t = tree(new Random(seed), 0);
        byte[] once = CanonicalJson.canonicalize(t);
        byte[] twice = CanonicalJson.canonicalize(CanonicalJson.parse(once));
        assertThat(new String(twice, StandardCharsets.UTF_8)).isEqualTo(new String(once, StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void memberOrderDoesNotMatter(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        JsonNode t = tree(r, 0);
        assertThat(CanonicalJson.canonicalize(shuffled(t, r))).isEqualTo(CanonicalJson.canonicalize(t));
    }
}
