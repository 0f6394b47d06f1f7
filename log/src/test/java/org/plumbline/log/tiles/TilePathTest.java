package org.plumbline.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TilePathTest {
    @Test
    void pathsAreSpelledAsTheSpecSays() {
        assertThat(TilePath.hashTile(0, 1234067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(TilePath.hashTile(1, 0, 5).path()).isEqualTo("tile/1/000.p/5");
        assertThat(TilePath.entryBundle(999, 256).path()).isEqualTo("tile/entries/999");
        assertThat(TilePath.entryBundle(1000, 255).path()).isEqualTo("tile/entries/x001/000.p/255");
        assertThat(TilePath.hashTile(63, Long.MAX_VALUE, 1).path())
                .isEqualTo("tile/63/x009/x223/x372/x036/x854/x775/807.p/1");
    }

    @Property
    void parsingInvertsFormatting(@ForAll @IntRange(min = -1, max = 63) int level,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index, @ForAll @IntRange(min = 1, max = 256) int width)
            throws TilePathException {
        TilePath t = new TilePath(level, index, width);
        assertThat(TilePath.parse(t.path())).isEqualTo(t);
    }

    @Test
    void nonCanonicalSpellingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TilePath.parse("tile/0/x000/001")).hasMessageContaining("canonical");
        assertThatThrownBy(() -> TilePath.parse("tile/0/001.p/256")).hasMessageContaining("below 256");
        assertThatThrownBy(() -> TilePath.parse("tile/0/001.p/0")).hasMessageContaining("1–255");
        assertThatThrownBy(() -> TilePath.parse("tile/0/01")).hasMessageContaining("ddd");
        assertThatThrownBy(() -> TilePath.parse("tile/64/001")).hasMessageContaining("above 63");
        assertThatThrownBy(() -> TilePath.parse("tile/00/001")).hasMessageContaining("level");
        assertThatThrownBy(() -> TilePath.parse("tile/0/x1/001")).hasMessageContaining("xddd");
        assertThatThrownBy(() -> TilePath.parse("tile/entries/x999/x999/x999/x999/x999/x999/999"))
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> TilePath.parse("tiles/0/000")).isInstanceOf(TilePathException.class);
        assertThatThrownBy(() -> TilePath.parse("tile/0/../../etc")).isInstanceOf(TilePathException.class);
    }

    @Test
    void entryBundlesRoundTripAndTruncationIsNamed() throws MalformedTileException {
        byte[] bundle = EntryBundle.encode(java.util.List.of(new byte[0], "ab".getBytes(), new byte[65_535]));
        assertThat(EntryBundle.decode(bundle, 3)).hasSize(3);
        byte[] cut = java.util.Arrays.copyOf(bundle, bundle.length - 1);
        assertThatThrownBy(() -> EntryBundle.decode(cut, 3)).hasMessageContaining("entry 2");
        assertThatThrownBy(() -> EntryBundle.encode(java.util.List.of(new byte[65_536])))
                .hasMessageContaining("65536 bytes");
    }
}
