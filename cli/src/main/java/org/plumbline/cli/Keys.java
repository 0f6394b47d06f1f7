package org.plumbline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifierKey;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Reads key files and key arguments, with errors that say which file or argument is wrong. */
final class Keys {
    private Keys() {}

    static SigningKey readPrivate(CommandSpec spec, Path file) {
        try {
            return KeyFiles.read(file);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "key file " + file + " does not exist");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read key file " + file + ": " + e.getMessage());
        } catch (KeyFormatException e) {
            throw new ParameterException(spec.commandLine(), "key file " + file + ": " + e.getMessage());
        }
    }

    /** A verifier key given as its text or as a file holding it. */
    static VerifierKey readVerifier(CommandSpec spec, String fileOrText) {
        String text = fileOrText;
        try {
            Path p = Path.of(fileOrText);
            if (Files.isRegularFile(p)) {
                text = Files.readString(p, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            // not a readable file: take it as the key itself
        }
        try {
            return VerifierKey.parse(text);
        } catch (KeyFormatException e) {
            throw new ParameterException(spec.commandLine(), "verifier key '" + fileOrText + "': " + e.getMessage());
        }
    }
}
