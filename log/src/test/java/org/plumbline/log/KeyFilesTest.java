package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;

class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void loadOrCreateMakesAnOwnerOnlyKeyOnceAndReadsItAfter() throws Exception {
        Path file = dir.resolve("keys").resolve("test.key");
        SigningKey made = KeyFiles.loadOrCreate(file, "plumbline.example/test");
        assertThat(made.name()).isEqualTo("plumbline.example/test");
        assertThat(made.type()).isEqualTo(KeyType.ED25519);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(made.privateKeyText() + "\n");
        assertThat(Files.list(file.getParent())).containsExactly(file);

        // A second call, under another name, finds the first key and keeps its name.
        SigningKey again = KeyFiles.loadOrCreate(file, "other.example/name");
        assertThat(again.privateKeyText()).isEqualTo(made.privateKeyText());
    }

    @Test
    void loadOrCreateRefusesAFileThatIsNotAKey() throws Exception {
        Path file = dir.resolve("junk.key");
        Files.writeString(file, "not a key\n");
        assertThatThrownBy(() -> KeyFiles.loadOrCreate(file, "plumbline.example/test"))
                .isInstanceOf(KeyFormatException.class);
        assertThat(Files.readString(file)).isEqualTo("not a key\n");
    }

    @Test
    void writeNewNeverOverwritesButReplaceDoes() throws Exception {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        SigningKey key = SigningKey.fromSeed("plumbline.example/test", KeyType.ED25519, seed);
        Path file = dir.resolve("old.key");
        Files.writeString(file, "an older form\n");
        assertThatThrownBy(() -> KeyFiles.writeNew(file, key)).isInstanceOf(FileAlreadyExistsException.class);
        KeyFiles.replace(file, key);
        assertThat(KeyFiles.read(file).privateKeyText()).isEqualTo(key.privateKeyText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).containsExactly(file);
    }
}
