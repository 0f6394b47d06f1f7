package org.plumbline.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.plumbline.log.CheckpointSigner;
import org.plumbline.log.DirectoryLog;
import org.plumbline.log.LogReader;
import org.plumbline.log.LogVerifier;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.storage.DirectoryStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job on the embedded default: a log under --data-dir, records appended, "
                + "a signed checkpoint published, a proof written and verified offline.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Where Plumbline keeps its data (default: ~/.plumbline).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path data = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".plumbline");
        Path logDir = data.resolve("log");
        Path keyFile = data.resolve("log.key");
        Files.createDirectories(data);
        SigningKey key;
        if (Files.exists(keyFile)) {
            key = SigningKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8).strip());
            System.out.println("using the log key in " + keyFile);
        } else {
            key = SigningKey.generate("plumbline.demo.example/log", KeyType.ED25519);
            Keys.writeNewPrivate(keyFile, key);
            System.out.println("made a log key: " + keyFile + " (mode 0600)");
        }
        CheckpointSigner signer = CheckpointSigner.of(key);
        if (!Files.exists(logDir.resolve("checkpoint"))) {
            LogCommand.create(logDir, key);
            System.out.println("created the log " + signer.origin() + " in " + logDir);
        }

        List<byte[]> records = demoRecords();
        List<Long> indexes = new ArrayList<>();
        try (DirectoryLog log = DirectoryLog.open(logDir, signer)) {
            for (byte[] r : records) {
                indexes.add(log.add(r).join());
            }
        }
        System.out.println("appended " + records.size() + " records (durable before acknowledged):");
        for (int i = 0; i < records.size(); i++) {
            System.out.println("  " + indexes.get(i) + "  " + new String(records.get(i), StandardCharsets.UTF_8));
        }
        byte[] checkpoint = Files.readAllBytes(logDir.resolve("checkpoint"));
        System.out.println("published a signed checkpoint (" + logDir.resolve("checkpoint") + "):");
        System.out.print(indent(new String(checkpoint, StandardCharsets.UTF_8)));

        long proven = indexes.get(2);
        TlogProof proof = new LogReader(DirectoryStorage.open(logDir)).proof(proven);
        Path proofFile = data.resolve("record-" + proven + ".tlog-proof");
        Path entryFile = data.resolve("record-" + proven + ".json");
        Path policyFile = data.resolve("policy");
        Files.write(proofFile, proof.toBytes());
        Files.write(entryFile, records.get(2));
        Files.writeString(policyFile, "log " + key.verifierKey().text() + "\nquorum none\n");
        System.out.println("wrote a tlog-proof for record " + proven + ": " + proofFile);

        Checkpoint ok = TlogProof.verify(Files.readAllBytes(proofFile), Files.readAllBytes(entryFile),
                Policy.parse(Files.readAllBytes(policyFile)));
        System.out.println("verified it offline against " + policyFile + ": ok, record " + proven
                + " is in " + ok.origin() + " at size " + ok.size());
        Checkpoint whole = LogVerifier.verify(DirectoryStorage.open(logDir), key.verifierKey());
        System.out.println("recomputed every tile from the entries: ok size=" + whole.size() + " root="
                + Base64.getEncoder().encodeToString(whole.rootHash()));
        System.out.println();
        System.out.println("check it yourself:");
        System.out.println("  ./plumbline proof verify --policy " + policyFile + " --entry " + entryFile + " " + proofFile);
        System.out.println("  ./plumbline log verify --dir " + logDir + " --vkey " + logDir.resolve("vkey"));
        System.out.println("  ./plumbline log serve --dir " + logDir + " --port 8080");
        return 0;
    }

    /** A day in the life of a due-diligence case, as the records the product will log. */
    private static List<byte[]> demoRecords() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] lines = {
            "{\"actor\":\"am-0042\",\"engagement\":\"eng-ministry-of-defence-ruritania\",\"purposes\":[\"cyber-defence\"],"
                    + "\"time\":\"%s\",\"type\":\"engagement.declared\"}",
            "{\"account\":\"sub-7781\",\"actor\":\"signals\",\"rule\":\"bulk-communications-processing\","
                    + "\"severity\":\"high\",\"time\":\"%s\",\"type\":\"finding.raised\"}",
            "{\"actor\":\"reviewer-17\",\"case\":\"case-2026-0031\",\"opened-by\":\"finding\",\"time\":\"%s\","
                    + "\"type\":\"case.opened\"}",
            "{\"actor\":\"approver-3\",\"case\":\"case-2026-0031\",\"outcome\":\"suspend\",\"time\":\"%s\","
                    + "\"type\":\"decision.made\"}",
            "{\"accounts\":[\"sub-7781\"],\"actor\":\"approver-3\",\"services\":[\"Speech\",\"Blob Storage\"],"
                    + "\"time\":\"%s\",\"type\":\"directive.issued\"}",
        };
        List<byte[]> out = new ArrayList<>();
        for (String l : lines) {
            out.add(String.format(l, t).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String indent(String s) {
        return ("    " + s.replace("\n", "\n    ")).stripTrailing() + "\n";
    }
}
