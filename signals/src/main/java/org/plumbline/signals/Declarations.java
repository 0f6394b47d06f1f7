package org.plumbline.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engagements and directives a scan compares usage with. Read from the engagements file
 * ({@code engagements.json}, format in docs/signals.md) and optionally a separate directives file of
 * the same shape (only its "directives" array is read).
 */
public record Declarations(List<DeclaredUse> engagements, List<ServiceSuspension> directives) {
    public Declarations {
        engagements = List.copyOf(engagements);
        directives = List.copyOf(directives);
    }

    public Declarations withDirectives(List<ServiceSuspension> more) {
        List<ServiceSuspension> all = new ArrayList<>(directives);
        all.addAll(more);
        return new Declarations(engagements, all);
    }

    public static Declarations read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": expected a JSON object");
        PurposeVocabulary vocabulary = PurposeVocabulary.shipped();
        List<DeclaredUse> engagements = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode list = root.path("engagements");
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = file + ": engagements[" + i + "]";
            String id = text(e, "id", where, true);
            if (!ids.add(id)) throw new IOException(where + ": duplicate engagement id " + id);
            List<String> purposes = strings(e.path("purposes"));
            if (purposes.isEmpty()) throw new IOException(where + ".purposes: at least one purpose is required");
            for (String p : purposes) {
                if (!vocabulary.purposes().contains(p)) {
                    throw new IOException(where + ".purposes: unknown purpose \"" + p + "\"; known: "
                            + String.join(", ", vocabulary.purposes()));
                }
            }
            List<DeclaredUse.Account> accounts = new ArrayList<>();
            JsonNode acc = e.path("accounts");
            for (int j = 0; j < acc.size(); j++) {
                JsonNode a = acc.get(j);
                String sub = text(a, "subAccountId", where + ".accounts[" + j + "]", false);
                String bill = text(a, "billingAccountId", where + ".accounts[" + j + "]", false);
                if (sub == null && bill == null) {
                    throw new IOException(where + ".accounts[" + j + "]: needs subAccountId or billingAccountId");
                }
                accounts.add(new DeclaredUse.Account(sub, bill));
            }
            if (accounts.isEmpty()) throw new IOException(where + ".accounts: at least one account is required");
            engagements.add(new DeclaredUse(id, text(e, "name", where, false), purposes, accounts, strings(e.path("regions"))));
        }
        return new Declarations(engagements, directives(root, file));
    }

    /** Reads only the "directives" array of a file (engagements file or a separate directives file). */
    public static List<ServiceSuspension> readDirectives(Path file) throws IOException {
        return directives(new ObjectMapper().readTree(file.toFile()), file);
    }

    private static List<ServiceSuspension> directives(JsonNode root, Path file) throws IOException {
        List<ServiceSuspension> out = new ArrayList<>();
        JsonNode list = root.path("directives");
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            String where = file + ": directives[" + i + "]";
            String effective = text(d, "effective", where, true);
            Instant at;
            try {
                at = Instant.parse(effective);
            } catch (DateTimeParseException ex) {
                throw new IOException(where + ".effective: not an RFC 3339 UTC time: " + effective);
            }
            List<String> services = strings(d.path("services"));
            if (services.isEmpty()) throw new IOException(where + ".services: at least one service is required");
            out.add(new ServiceSuspension(text(d, "id", where, true), text(d, "account", where, true), services, at));
        }
        return out;
    }

    private static String text(JsonNode n, String field, String where, boolean required) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IOException(where + "." + field + ": required");
            return null;
        }
        if (!v.isTextual()) throw new IOException(where + "." + field + ": expected a string");
        return v.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : n) out.add(v.asText());
        return out;
    }
}
