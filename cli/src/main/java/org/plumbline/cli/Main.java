package org.plumbline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code plumbline} command: one subcommand per job, each in its own class. */
@Command(name = "plumbline", mixinStandardHelpOptions = true, version = "plumbline 0.1.0",
        description = "Accountability for sensitive cloud engagements, proven in a transparency log.",
        subcommands = {CommandLine.HelpCommand.class, SignalsCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
