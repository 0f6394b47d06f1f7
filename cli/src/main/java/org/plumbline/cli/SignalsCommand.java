package org.plumbline.cli;

import picocli.CommandLine.Command;

/** {@code plumbline signals}: usage signals from FOCUS metering (generate test data, scan). */
@Command(name = "signals", mixinStandardHelpOptions = true,
        description = "Find accounts whose metered usage contradicts what their engagement declared.",
        subcommands = {SignalsGenerateCommand.class, SignalsScanCommand.class, SignalsScoreCommand.class})
public final class SignalsCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
