package org.plumbline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code plumbline} command: one subcommand per job, each in its own class. */
@Command(name = "plumbline", mixinStandardHelpOptions = true, version = "plumbline 0.1.0",
        description = "Accountability for sensitive cloud engagements, proven in a transparency log.",
        subcommands = {ServeCommand.class, DemoCommand.class, KeygenCommand.class, LogCommand.class, ProofCommand.class, SignalsCommand.class, TransparencyCommand.class, WitnessCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // A wrong argument gets one line naming it and where to look, not the whole usage text.
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("plumbline: " + e.getMessage());
            cmd.getErr().println("(see: plumbline " + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^plumbline ?", "")
                    + (cmd.getCommandSpec().qualifiedName().equals("plumbline") ? "" : " ") + "--help)");
            return 2;
        });
        return cl;
    }
}
