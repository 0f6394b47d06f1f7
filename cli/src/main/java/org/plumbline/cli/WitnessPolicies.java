package org.plumbline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.policy.PolicyFormatException;

/** Reads the witness policy a command was given, with an error that names the option, the file and the line. */
final class WitnessPolicies {
    private WitnessPolicies() {}

    /** @throws IllegalArgumentException naming {@code option}, the file and what is wrong with it */
    static Policy read(String option, String file) {
        try {
            return Policy.parse(Files.readAllBytes(Path.of(file)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + ": " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": " + file + ": cannot be read: " + e.getMessage());
        } catch (PolicyFormatException e) {
            throw new IllegalArgumentException(option + ": " + file + ": " + e.getMessage());
        }
    }
}
