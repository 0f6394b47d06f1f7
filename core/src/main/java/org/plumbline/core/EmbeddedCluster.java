package org.plumbline.core;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL cluster under a data directory: real PostgreSQL binaries, started by this
 * process, kept across runs. Three things make it safe to run for real rather than only in tests:
 *
 * <ul>
 *   <li><b>A password.</b> The binaries' default is {@code trust} for every connection from the
 *       machine, which makes any local process a superuser with no password: it could read TOTP
 *       secrets and session tokens or drop the log's append-only triggers. The cluster is created with
 *       {@code scram-sha-256} for every connection, local socket included, and a generated superuser
 *       password kept in {@code keys/postgres.password} (mode 0600). A cluster made by an older
 *       Plumbline with {@code trust} is given the password and switched over at its next start.</li>
 *   <li><b>One owner.</b> A lock on {@code postgres.lock} is held for as long as this process uses the
 *       cluster, so that two Plumblines never share one data directory.</li>
 *   <li><b>No orphans.</b> When a Plumbline is killed ({@code kill -9}) its PostgreSQL lives on without
 *       it, holding the data directory, and the next start would fail. Holding the lock proves no
 *       other Plumbline is using the directory, so a postmaster still running on it is such an orphan:
 *       it is asked to shut down (it has no clients left) before the cluster is started again.</li>
 * </ul>
 */
final class EmbeddedCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
    static final String SUPERUSER = "postgres";
    private static final String AUTH = "scram-sha-256";
    /** How long an orphaned postmaster gets to shut down cleanly before it is killed. */
    private static final long ORPHAN_STOP_SECONDS = 60;

    private final EmbeddedPostgres postgres;
    private final String password;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedCluster(EmbeddedPostgres postgres, String password, FileChannel lockChannel, FileLock lock) {
        this.postgres = postgres;
        this.password = password;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Starts the cluster under {@code dataDir/postgres} on a free loopback port, creating it on first
     * use. With {@code durable}, commits are fsynced before they are acknowledged.
     *
     * @throws IllegalStateException if another process holds the data directory
     */
    static EmbeddedCluster start(Path dataDir, boolean durable) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve("postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;  // this very process already holds it
            }
            if (lock == null) {
                throw new IllegalStateException("another Plumbline holds the lock on " + dataDir.resolve("postgres.lock")
                        + "; one data directory serves one process at a time");
            }
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            stopOrphan(pgData);
            String password = loadOrCreatePassword(dataDir.resolve("keys").resolve("postgres.password"));
            boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // Stopped by close(), never by a shutdown hook of its own: hooks run all at once, and on
                    // SIGTERM the database must outlive the requests and integration that are finishing.
                    .setRegisterShutdownHook(false)
                    // initdb's options: these come after the binaries' "-A trust" and so replace it. They are
                    // used only when the cluster is created; an existing one is switched over below.
                    .setLocaleConfig("auth", AUTH)
                    .setLocaleConfig("pwfile", dataDir.resolve("keys").resolve("postgres.password").toString())
                    .setConnectConfig("password", password);
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedCluster cluster = new EmbeddedCluster(postgres, password, lockChannel, lock);
            try {
                cluster.requirePasswords(pgData, fresh);
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("could not start embedded PostgreSQL under " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** The JDBC URL of database {@code name} on this cluster. */
    String jdbcUrl(String name) {
        return postgres.getJdbcUrl(SUPERUSER, name);
    }

    String password() {
        return password;
    }

    /**
     * Makes sure no connection gets in without the password: a cluster created by an older Plumbline
     * (every line {@code trust}) gets the superuser's password set, then every rule of its
     * {@code pg_hba.conf} switched to {@code scram-sha-256}, and the configuration reloaded. The order
     * matters: the password must be in place before the rules ask for it.
     */
    private void requirePasswords(Path pgData, boolean fresh) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        List<String> lines = Files.readAllLines(hba, StandardCharsets.UTF_8);
        List<String> rewritten = new ArrayList<>();
        boolean changed = false;
        for (String line : lines) {
            String rule = rewriteRule(line);
            changed |= !rule.equals(line);
            rewritten.add(rule);
        }
        if (!changed) return;
        if (fresh) {
            // initdb was told to use passwords; a trust rule in a new cluster means it did not listen.
            throw new IllegalStateException("the new PostgreSQL cluster under " + pgData + " does not require passwords");
        }
        LOG.warn("the embedded PostgreSQL under {} let local connections in without a password; it now requires one "
                + "(kept in keys/postgres.password)", pgData);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = '" + AUTH + "'");
            // The password is generated here from [A-Za-z0-9_-] only, so it cannot break out of the literal.
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            Path tmp = hba.resolveSibling("pg_hba.conf.tmp");
            Files.write(tmp, rewritten, StandardCharsets.UTF_8);
            Files.move(tmp, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not give the embedded PostgreSQL a password: " + e.getMessage(), e);
        }
    }

    /** A {@code pg_hba.conf} line with a {@code trust}, {@code peer} or {@code ident} method replaced by scram. */
    static String rewriteRule(String line) {
        String body = line.strip();
        if (body.isEmpty() || body.startsWith("#")) return line;
        String[] fields = body.split("\\s+");
        // local DATABASE USER METHOD [OPTIONS]; host* DATABASE USER ADDRESS METHOD [OPTIONS]
        int method = fields[0].equals("local") ? 3 : 4;
        if (fields.length <= method) return line;
        if (!List.of("trust", "peer", "ident").contains(fields[method])) return line;
        fields[method] = AUTH;
        return String.join(" ", fields);
    }

    /**
     * Stops a postmaster that still runs on {@code pgData} although its Plumbline is gone. Called only
     * while holding the directory's lock, so whatever runs there has no living owner. A pid that is now
     * some other program (pids are reused after a reboot) is left alone: PostgreSQL itself then sees a
     * stale {@code postmaster.pid} and starts normally.
     */
    private static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2) return;
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) return;
        String command = process.get().info().command().orElse("");
        boolean sameDirectory = Path.of(lines.get(1).strip()).toAbsolutePath().normalize()
                .equals(pgData.toAbsolutePath().normalize());
        if (!command.endsWith("/postgres") || !sameDirectory) return;
        LOG.warn("an embedded PostgreSQL (pid {}) outlived the Plumbline that started it on {}; stopping it first", pid, pgData);
        // SIGTERM is PostgreSQL's "smart" shutdown: it waits for clients, and an orphan has none left.
        process.get().destroy();
        try {
            process.get().onExit().get(ORPHAN_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the orphaned PostgreSQL (pid {}) did not stop within {} s; killing it (it will recover from its WAL)",
                    pid, ORPHAN_STOP_SECONDS);
            process.get().destroyForcibly();
            try {
                process.get().onExit().get(ORPHAN_STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException again) {
                throw new IllegalStateException("could not stop the orphaned PostgreSQL (pid " + pid + ") on " + pgData);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the orphaned PostgreSQL on " + pgData);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not stop the orphaned PostgreSQL on " + pgData + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the superuser's password, or makes one (256 random bits, URL-safe base64) in a file created
     * with mode 0600, so it is never readable by others, not even for a moment.
     */
    private static String loadOrCreatePassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!password.matches("[A-Za-z0-9_-]{32,}")) {
            throw new IllegalStateException(file + " does not hold a password Plumbline made (43 characters of A-Z, a-z, 0-9, _ and -)");
        }
        return password;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // releasing the lock of a start that failed; the failure is what the caller sees
        }
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
