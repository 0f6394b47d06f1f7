package org.plumbline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.log.LogReader;
import org.plumbline.log.storage.DirectoryStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Write a C2SP tlog-proof@v1 for one entry (against the latest checkpoint) to stdout.")
final class ProveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, description = "The log's directory.")
    Path dir;

    @Option(names = "--index", required = true, description = "The entry's index.")
    long index;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(dir.resolve("checkpoint"))) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + " holds no log (no checkpoint)");
        }
        byte[] proof;
        try {
            proof = new LogReader(DirectoryStorage.open(dir)).proof(index).toBytes();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--index: " + e.getMessage());
        }
        System.out.write(proof);
        System.out.flush();
        return 0;
    }
}
