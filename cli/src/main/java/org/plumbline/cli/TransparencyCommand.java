package org.plumbline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.core.report.ReportException;
import org.plumbline.core.report.ReportVerifier;
import org.plumbline.core.report.TransparencyReport;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.policy.PolicyFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "transparency", mixinStandardHelpOptions = true,
        description = "Check a quarter's transparency report offline.", subcommands = {TransparencyCommand.Verify.class})
final class TransparencyCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a transparency report (the JSON file from /transparency) with nothing but the file and"
                    + " a tlog-policy: the checkpoint's signatures and witness quorum, every record's inclusion proof,"
                    + " that no record of the covered range is missing, and every figure recounted. Prints ok or the"
                    + " one thing wrong (exit 1).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--policy", required = true, description = "tlog-policy file: trusted logs, witnesses, quorum.")
        Path policyFile;

        @Parameters(index = "0", paramLabel = "REPORT", description = "The report's JSON file.")
        Path reportFile;

        @Override
        public Integer call() throws IOException {
            Policy policy;
            try {
                policy = Policy.parse(read(policyFile, "--policy"));
            } catch (PolicyFormatException e) {
                throw new ParameterException(spec.commandLine(), "--policy " + policyFile + ": " + e.getMessage());
            }
            if (Files.isRegularFile(reportFile) && Files.size(reportFile) > TransparencyReport.MAX_FILE_BYTES) {
                throw new ParameterException(spec.commandLine(), "REPORT " + reportFile + " is larger than "
                        + TransparencyReport.MAX_FILE_BYTES + " bytes");
            }
            byte[] file = read(reportFile, "REPORT");
            try {
                ReportVerifier.Verified v = ReportVerifier.verify(file, policy);
                System.out.println("ok quarter=" + v.quarter() + (v.partial() ? " (partial)" : "") + " records=" + v.records()
                        + " figures=" + v.figures() + " origin=" + v.checkpoint().origin() + " size=" + v.checkpoint().size());
                return 0;
            } catch (ReportException e) {
                System.out.println("FAIL " + reportFile.getFileName() + ": " + e.getMessage().replaceAll("[\\r\\n]+", " "));
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
