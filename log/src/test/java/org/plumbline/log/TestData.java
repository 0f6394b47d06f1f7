package org.plumbline.log;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared conformance data (../shared/testdata), which tests read in place. */
public final class TestData {
    private TestData() {}

    public static Path dir(String name) {
        String base = System.getProperty("plumbline.testdata");
        Path root = base != null ? Path.of(base) : Path.of("..", "..", "shared", "testdata");
        Path dir = root.resolve(name).normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("conformance data not found at " + dir.toAbsolutePath()
                    + " (expected ../shared/testdata beside the project)");
        }
        return dir;
    }
}
