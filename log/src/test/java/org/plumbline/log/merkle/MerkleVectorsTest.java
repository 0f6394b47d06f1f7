package org.plumbline.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plumbline.log.TestData;

/** Every RFC 6962 vector of transparency-dev/merkle: happy paths verify, every mutation is rejected. */
class MerkleVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> inclusionVectors() throws IOException {
        List<Path> files = vectors("merkle/inclusion");
        assertThat(files).hasSizeGreaterThan(50);
        return files.stream().map(f -> DynamicTest.dynamicTest(name(f), () -> {
            JsonNode v = JSON.readTree(f.toFile());
            ThrowingCheck check = () -> Proofs.verifyInclusion(b64(v, "leafHash"), v.get("leafIdx").asLong(),
                    v.get("treeSize").asLong(), hashes(v.get("proof")), b64(v, "root"));
            expect(v, check);
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectors() throws IOException {
        List<Path> files = vectors("merkle/consistency");
        assertThat(files).hasSizeGreaterThan(50);
        return files.stream().map(f -> DynamicTest.dynamicTest(name(f), () -> {
            JsonNode v = JSON.readTree(f.toFile());
            ThrowingCheck check = () -> Proofs.verifyConsistency(v.get("size1").asLong(), v.get("size2").asLong(),
                    hashes(v.get("proof")), b64(v, "root1"), b64(v, "root2"));
            expect(v, check);
        }));
    }

    private interface ThrowingCheck {
        void run() throws ProofException;
    }

    private static void expect(JsonNode v, ThrowingCheck check) {
        if (v.get("wantErr").asBoolean()) {
            assertThatThrownBy(check::run).as(v.get("desc").asText()).isInstanceOf(ProofException.class);
        } else {
            assertThatNoException().as(v.get("desc").asText()).isThrownBy(check::run);
        }
    }

    private static List<Path> vectors(String dir) throws IOException {
        try (Stream<Path> s = Files.walk(TestData.dir(dir))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String name(Path f) {
        return f.getParent().getFileName() + "/" + f.getFileName();
    }

    private static byte[] b64(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
    }

    private static List<byte[]> hashes(JsonNode arr) {
        List<byte[]> out = new ArrayList<>();
        if (arr != null && !arr.isNull()) {
            arr.forEach(n -> out.add(Base64.getDecoder().decode(n.asText())));
        }
        return out;
    }
}
