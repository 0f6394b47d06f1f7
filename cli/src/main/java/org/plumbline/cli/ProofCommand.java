package org.plumbline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.policy.PolicyFormatException;
import org.plumbline.log.proof.ProofVerificationException;
import org.plumbline.log.proof.TlogProof;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "proof", mixinStandardHelpOptions = true,
        description = "Check tlog-proof files offline.", subcommands = {ProofCommand.Verify.class})
final class ProofCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that ENTRY is in the log a PROOF names, under a tlog-policy: prints ok or the reason.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--policy", required = true, description = "tlog-policy file: trusted logs, witnesses, quorum.")
        Path policyFile;

        @Option(names = "--entry", required = true, description = "File holding the entry's exact bytes.")
        Path entryFile;

        @Parameters(index = "0", paramLabel = "PROOF", description = "The tlog-proof@v1 file.")
        Path proofFile;

        @Override
        public Integer call() throws IOException {
            Policy policy;
            try {
                policy = Policy.parse(read(policyFile, "--policy"));
            } catch (PolicyFormatException e) {
                throw new ParameterException(spec.commandLine(), "--policy " + policyFile + ": " + e.getMessage());
            }
            byte[] entry = read(entryFile, "--entry");
            byte[] proof = read(proofFile, "PROOF");
            try {
                Checkpoint cp = TlogProof.verify(proof, entry, policy);
                System.out.println("ok index=" + TlogProof.parse(proof).index() + " origin=" + cp.origin()
                        + " size=" + cp.size() + " root=" + Base64.getEncoder().encodeToString(cp.rootHash()));
                return 0;
            } catch (ProofVerificationException e) {
                System.out.println("FAIL " + e.getMessage());
                return 1;
            } catch (Exception e) {
                System.out.println("FAIL " + e.getMessage());
                return 1;
            }
        }

        private byte[] read(Path file, String what) throws IOException {
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), what + " " + file + " does not exist");
            }
        }
    }
}
