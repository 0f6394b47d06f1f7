package org.plumbline.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.plumbline.log.CheckpointSigner;
import org.plumbline.log.CosignedCheckpoints;
import org.plumbline.log.DirectoryLog;
import org.plumbline.log.Integrator;
import org.plumbline.log.LogReader;
import org.plumbline.log.LogVerifier;
import org.plumbline.log.http.LogHttpServer;
import org.plumbline.log.http.LogResources;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.policy.PolicyFormatException;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.tiles.EntryBundle;
import org.plumbline.log.witness.WitnessClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Create, append to, verify, prove from and serve a C2SP transparency log in a directory.",
        subcommands = {LogCommand.Init.class, LogCommand.Append.class, LogCommand.Verify.class,
            ProveCommand.class, LogCommand.Serve.class})
final class LogCommand {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create an empty log and publish its size-0 checkpoint.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogStorageOptions where;

        @Option(names = "--origin", required = true, description = "The log's origin (checkpoint first line).")
        String origin;

        @Option(names = "--key", required = true, description = "Private key file (from plumbline keygen).")
        Path keyFile;

        @Override
        public Integer call() throws IOException {
            SigningKey key = Keys.readPrivate(spec, keyFile);
            if (!key.name().equals(origin)) {
                throw new ParameterException(spec.commandLine(), "--origin '" + origin + "' differs from the key's name '"
                        + key.name() + "': a log key is named by the log's origin (C2SP tlog-policy)");
            }
            try (LogStorageOptions opened = where) {
                create(where.open(), key);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), where.describe() + ": " + e.getMessage());
            }
            System.out.println("created log " + origin + " in " + where.describe() + " (size 0)");
            System.out.println("verifier key: " + key.verifierKey().text());
            return 0;
        }
    }

    /**
     * Creates a log and keeps its verifier key beside it: the key is public and served at /vkey,
     * and there `log serve` and `log verify --vkey DIR/vkey` find it.
     */
    static void create(Path dir, SigningKey key) throws IOException {
        create(DirectoryStorage.open(dir), key);
    }

    static void create(LogStorage storage, SigningKey key) throws IOException {
        DirectoryLog.create(storage, CheckpointSigner.of(key));
        storage.write(java.util.Map.of("vkey",
                (key.verifierKey().text() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Command(name = "append", mixinStandardHelpOptions = true,
            description = "Append entries (stdin lines, or --file F... one entry each); print their indexes.")
    static final class Append implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogStorageOptions where;

        @Option(names = "--key", required = true, description = "The log's private key file.")
        Path keyFile;

        @Option(names = "--file", arity = "1..*", description = "Files to append, each as one entry.")
        List<Path> files;

        @Option(names = "--witness-policy", paramLabel = "FILE",
                description = "tlog-policy whose witnesses (witness NAME VKEY URL lines) must cosign the new checkpoint;"
                        + " it is then published as " + CosignedCheckpoints.PATH + " beside the checkpoint. Fails if the"
                        + " quorum is not met.")
        Path witnessPolicyFile;

        @Override
        public Integer call() throws Exception {
            try (LogStorageOptions opened = where) {
                return append();
            }
        }

        private int append() throws Exception {
            SigningKey key = Keys.readPrivate(spec, keyFile);
            boolean inBucket = where.inBucket();
            Policy witnessPolicy = witnessPolicyFile == null ? null : readPolicy();
            // Read and check everything first: a bad entry anywhere means nothing is appended.
            List<byte[]> entries = new ArrayList<>();
            if (files != null && !files.isEmpty()) {
                for (Path f : files) {
                    byte[] e;
                    try {
                        e = Files.readAllBytes(f);
                    } catch (IOException problem) {
                        // One line naming the file, as for every other bad input; nothing is appended.
                        throw new ParameterException(spec.commandLine(), "--file " + f + ": " + readProblem(problem)
                                + "; nothing appended");
                    }
                    if (e.length > EntryBundle.MAX_ENTRY_SIZE) {
                        throw new ParameterException(spec.commandLine(), "--file " + f + ": " + e.length
                                + " bytes is larger than the 65535 bytes a log entry can hold; nothing appended");
                    }
                    entries.add(e);
                }
            } else {
                byte[] input = System.in.readAllBytes();
                int start = 0;
                int line = 1;
                for (int i = 0; i <= input.length; i++) {
                    if (i == input.length && start == input.length) {
                        break;
                    }
                    if (i == input.length || input[i] == '\n') {
                        if (i - start > EntryBundle.MAX_ENTRY_SIZE) {
                            throw new ParameterException(spec.commandLine(), "standard input line " + line + ": "
                                    + (i - start) + " bytes is larger than the 65535 bytes a log entry can hold;"
                                    + " nothing appended");
                        }
                        entries.add(java.util.Arrays.copyOfRange(input, start, i));
                        start = i + 1;
                        line++;
                    }
                }
            }
            if (inBucket) {
                try {
                    printIndexes(appendToBucket(where.openExisting(), key, entries), entries.size());
                } catch (IOException e) {
                    System.err.println("plumbline log append: " + e.getMessage());
                    return 1;
                }
                return witnessPolicy == null ? 0 : cosign(witnessPolicy);
            }
            try (DirectoryLog log = DirectoryLog.open(where.dir, CheckpointSigner.of(key))) {
                List<CompletableFuture<Long>> indexes = new ArrayList<>(entries.size());
                for (byte[] e : entries) {
                    indexes.add(log.add(e));
                }
                StringBuilder out = new StringBuilder();
                for (CompletableFuture<Long> f : indexes) {
                    out.append(f.join()).append('\n');
                }
                System.out.print(out);
                System.out.flush();
            } catch (IOException e) {
                System.err.println("plumbline log append: " + e.getMessage());
                return 1;
            }
            // close() integrated everything and published the checkpoint.
            return witnessPolicy == null ? 0 : cosign(witnessPolicy);
        }

        /**
         * In a bucket there is no local journal: the entries are integrated and published at once, and their
         * indexes are the ones the published checkpoint gives them. Another writer on the same bucket makes
         * this one retry from its tree (compare-and-swap on the checkpoint), never fork it.
         */
        private static long appendToBucket(LogStorage storage, SigningKey key, List<byte[]> entries) throws IOException {
            return entries.isEmpty() ? -1 : Integrator.open(storage, CheckpointSigner.of(key)).append(entries);
        }

        private static void printIndexes(long first, int count) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                out.append(first + i).append('\n');
            }
            System.out.print(out);
            System.out.flush();
        }

        /** Read before anything is appended, so a bad policy file appends nothing. */
        private Policy readPolicy() throws IOException {
            try {
                return Policy.parse(Files.readAllBytes(witnessPolicyFile));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--witness-policy " + witnessPolicyFile + ": "
                        + readProblem(e) + "; nothing appended");
            } catch (PolicyFormatException e) {
                throw new ParameterException(spec.commandLine(), "--witness-policy " + witnessPolicyFile + ": "
                        + e.getMessage() + "; nothing appended");
            }
        }

        /**
         * The entries are in the log whatever the witnesses say (the log never waits on them); what
         * fails without a quorum is publishing the cosigned checkpoint, and the exit status says so.
         */
        private int cosign(Policy policy) throws IOException {
            LogStorage storage = where.open();
            try (WitnessClient client = WitnessClient.create(policy)) {
                WitnessClient.Result r = CosignedCheckpoints.open(storage, client).publish(new LogReader(storage).checkpoint());
                if (!r.quorumMet()) {
                    System.err.println("plumbline log append: the entries are appended, but the checkpoint was not"
                            + " published cosigned: " + r.describe(policy));
                    return 1;
                }
                System.err.println("plumbline log append: " + r.describe(policy));
                return 0;
            }
        }

        /** What went wrong reading a file, in words (the JDK's messages for these are only the path). */
        private static String readProblem(IOException e) {
            return switch (e) {
                case java.nio.file.NoSuchFileException n -> "no such file";
                case java.nio.file.AccessDeniedException a -> "permission denied";
                default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            };
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the checkpoint signature and recompute every tile and the root from the entries.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogStorageOptions where;

        @Option(names = "--vkey", required = true, description = "The log's verifier key, or a file holding it.")
        String vkey;

        @Override
        public Integer call() throws IOException {
            VerifierKey key = Keys.readVerifier(spec, vkey);
            if (!where.inBucket() && !Files.isDirectory(where.dir)) {
                throw new ParameterException(spec.commandLine(), "--dir " + where.dir + " is not a directory");
            }
            try (LogStorageOptions opened = where) {
                Checkpoint cp = LogVerifier.verify(where.open(), key);
                System.out.println("ok size=" + cp.size() + " root=" + Base64.getEncoder().encodeToString(cp.rootHash()));
                return 0;
            } catch (LogVerifier.Problem e) {
                System.out.println("FAIL " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve checkpoint, tiles and vkey over HTTP, as tlog-tiles clients expect.")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogStorageOptions where;

        @Option(names = "--port", defaultValue = "8080", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String bind;

        @Option(names = "--vkey", description = "The verifier key to serve at /vkey (text or file); default: the vkey"
                + " stored beside the log's checkpoint (log init writes it).")
        String vkey;

        @Override
        public Integer call() throws Exception {
            try (LogStorageOptions opened = where) {
                LogStorage storage = where.openExisting();
                String keyArg = vkey;
                if (keyArg == null) {
                    keyArg = storage.read("vkey").map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8).strip())
                            .orElseThrow(() -> new ParameterException(spec.commandLine(), "no --vkey given and "
                                    + where.describe() + " holds no vkey"));
                }
                VerifierKey key = Keys.readVerifier(spec, keyArg);
                serve(storage, key);
            }
            return 0;
        }

        private void serve(LogStorage storage, VerifierKey key) throws Exception {
            LogResources resources = new LogResources(storage, key.text());
            try (LogHttpServer server = LogHttpServer.start(resources, new InetSocketAddress(bind, port))) {
                System.out.println("serving " + where.describe() + " at http://" + bind + ":" + server.port() + "/ (Ctrl-C stops)");
                Thread.currentThread().join();
            }
        }
    }
}
