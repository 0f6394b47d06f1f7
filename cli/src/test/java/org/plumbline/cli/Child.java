package org.plumbline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code plumbline ARGS} in its own JVM, logging as the installed command does (warnings to stderr). */
final class Child {
    final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Path stderr;
    private final BufferedReader out;

    private Child(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Child start(Path dir, String... args) throws IOException {
        return start(dir, java.util.Map.of(), args);
    }

    /** With these environment variables set as well. */
    static Child start(Path dir, java.util.Map<String, String> env, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath(),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PLUMBLINE_") || k.equals("DATABASE_URL"));
        pb.environment().putAll(env);
        return new Child(pb.start(), err);
    }

    /** Reads the output until a line matches {@code regex} (a find, not a whole match). */
    Matcher waitFor(String regex) throws IOException {
        Pattern p = Pattern.compile(regex);
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (m.find()) return m;
        }
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            Matcher m = p.matcher(line);
            if (m.find()) return m;
        }
        throw new AssertionError("the command ended without printing /" + regex + "/; it printed:\n"
                + String.join("\n", lines) + "\nstderr:\n" + stderr());
    }

    String stdout() throws IOException {
        String line;
        while ((line = out.readLine()) != null) lines.add(line);
        return String.join("\n", lines);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
