package org.plumbline.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Make an Ed25519 log key: writes PRIVATE+KEY+... (mode 0600), prints the verifier key.")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, description = "Key name; for a log key, the log's origin.")
    String name;

    @Option(names = "--out", required = true, description = "File to write the private key to (must not exist).")
    Path out;

    @Option(names = "--witness", description = "Make a witness cosigning key (tlog-cosignature, type 0x04).")
    boolean witness;

    @Override
    public Integer call() throws IOException {
        SigningKey key;
        try {
            key = SigningKey.generate(name, witness ? KeyType.COSIGNATURE_V1 : KeyType.ED25519);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--name: " + e.getMessage());
        }
        try {
            KeyFiles.writeNew(out, key);
        } catch (FileAlreadyExistsException e) {
            throw new ParameterException(spec.commandLine(), "--out: " + out + " already exists; not overwriting a key");
        }
        System.out.println(key.verifierKey().text());
        return 0;
    }
}
