package org.plumbline.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures next to a reference measured in the same run.",
        subcommands = {BenchLogCommand.class, BenchSignalsCommand.class, BenchApiCommand.class})
final class BenchCommand {}
