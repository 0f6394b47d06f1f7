package org.plumbline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.log.CosignedCheckpoints;
import org.plumbline.log.LogReader;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.storage.DirectoryStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Write a C2SP tlog-proof@v1 for one entry to stdout, against the latest witness-cosigned"
                + " checkpoint if it covers the entry, else the log's latest checkpoint.")
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
            DirectoryStorage storage = DirectoryStorage.open(dir);
            LogReader reader = new LogReader(storage);
            // A proof is only as good as the checkpoint it carries: prefer the one witnesses cosigned, so a
            // verifier's witness policy can be met; fall back, saying so, while cosigning lags behind.
            byte[] cosigned = storage.read(CosignedCheckpoints.PATH).orElse(null);
            if (cosigned != null && index >= 0 && index < size(cosigned)) {
                proof = reader.proof(index, cosigned).toBytes();
            } else {
                if (cosigned != null) {
                    System.err.println("plumbline log prove: the cosigned checkpoint does not cover index " + index
                            + " yet; this proof carries the log's own checkpoint, without cosignatures");
                }
                proof = reader.proof(index).toBytes();
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--index: " + e.getMessage());
        }
        System.out.write(proof);
        System.out.flush();
        return 0;
    }

    private static long size(byte[] signedCheckpoint) throws IOException {
        try {
            return Checkpoint.parse(SignedNote.parse(signedCheckpoint).text()).size();
        } catch (NoteFormatException e) {
            throw new IOException(CosignedCheckpoints.PATH + " is not a signed checkpoint: " + e.getMessage(), e);
        }
    }
}
