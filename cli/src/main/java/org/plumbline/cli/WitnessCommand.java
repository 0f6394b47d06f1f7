package org.plumbline.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.witness.LogListFormatException;
import org.plumbline.log.witness.Witness;
import org.plumbline.log.witness.WitnessServer;
import org.plumbline.log.witness.WitnessedLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "witness", mixinStandardHelpOptions = true,
        description = "Run a C2SP tlog-witness that cosigns other logs' checkpoints.",
        subcommands = WitnessCommand.Serve.class)
final class WitnessCommand {

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve POST /add-checkpoint (tlog-witness v1.0.0) for the logs in --logs, keeping the latest "
                    + "cosigned checkpoint of each in --data.")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, description = "The witness's private key file (plumbline keygen --witness).")
        Path key;

        @Option(names = "--logs", required = true,
                description = "The logs to witness, in the witness network's logs/v0 list format (vkey and origin per log).")
        Path logs;

        @Option(names = "--data", required = true, description = "Directory for the witness's state (created if missing).")
        Path data;

        @Option(names = "--port", defaultValue = "7380", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String host;

        @Override
        public Integer call() throws InterruptedException {
            SigningKey signingKey = Keys.readPrivate(spec, key);
            if (signingKey.type() != KeyType.COSIGNATURE_V1) {
                throw new ParameterException(spec.commandLine(), "--key " + key + " is a log key (" + signingKey.type()
                        + "); a witness cosigns with a key from plumbline keygen --witness");
            }
            WitnessedLogs witnessed = readLogs();
            try (Witness witness = Witness.open(signingKey, witnessed, data);
                    WitnessServer server = WitnessServer.start(witness, new InetSocketAddress(host, port))) {
                System.out.println("witness " + signingKey.verifierKey().text() + " for " + witnessed.logs().size()
                        + " log(s) at http://" + host + ":" + server.port() + "/add-checkpoint (Ctrl-C stops)");
                Thread.currentThread().join();
            } catch (IOException e) {
                System.err.println("plumbline witness serve: " + e.getMessage());
                return 1;
            }
            return 0;
        }

        private WitnessedLogs readLogs() {
            try {
                return WitnessedLogs.parse(Files.readAllBytes(logs));
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "--logs " + logs + " does not exist");
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--logs " + logs + ": " + e.getMessage());
            } catch (LogListFormatException e) {
                throw new ParameterException(spec.commandLine(), "--logs " + logs + ": " + e.getMessage());
            }
        }
    }
}
