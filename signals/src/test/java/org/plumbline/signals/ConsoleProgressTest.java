package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void plainLinesWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0);
        p.start(1000, 2);
        p.update(500, 12_345);
        p.finish(20_000);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r").contains("ingesting 2 file(s)")
                .containsPattern("ingest  50%  12,345 rows  [0-9,]+ rows/s  ETA \\d+:\\d\\d")
                .contains("ingested 20,000 rows");
    }

    @Test
    void redrawnBarOnATerminal() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0);
        p.start(1000, 1);
        Thread.sleep(250);
        p.update(250, 100);
        p.finish(400);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r[########")
                .contains(" 25%").contains("100 rows");
    }
}
