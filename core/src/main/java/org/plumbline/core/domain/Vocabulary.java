package org.plumbline.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controlled vocabularies a declaration is checked against: purposes and data categories (from
 * the resource {@code purposes.json}) and the acknowledged prohibited-use clauses (by default from
 * {@code prohibited-uses.json}; a deployment may give its own list).
 */
public final class Vocabulary {
    private final Map<String, Purpose> purposes;
    private final Map<String, DataCategory> dataCategories;
    private final Map<String, ProhibitedUse> prohibitedUses;

    private Vocabulary(Map<String, Purpose> purposes, Map<String, DataCategory> dataCategories,
            Map<String, ProhibitedUse> prohibitedUses) {
        this.purposes = purposes;
        this.dataCategories = dataCategories;
        this.prohibitedUses = prohibitedUses;
    }

    /** The shipped vocabularies and default clauses. */
    public static Vocabulary standard() {
        return withProhibitedUses(defaultProhibitedUses());
    }

    /** The shipped purposes and data categories with a deployment's own clauses. */
    public static Vocabulary withProhibitedUses(List<ProhibitedUse> clauses) {
        JsonNode root = read("purposes.json");
        Map<String, Purpose> purposes = new LinkedHashMap<>();
        for (JsonNode p : root.path("purposes")) {
            purposes.put(p.path("id").asText(), new Purpose(p.path("id").asText(), p.path("title").asText(),
                    p.path("description").asText(), strings(p.path("expectedServiceCategories")),
                    strings(p.path("expectedMetrics")), strings(p.path("expectedUsage")), strings(p.path("unexpectedUsage"))));
        }
        Map<String, DataCategory> categories = new LinkedHashMap<>();
        for (JsonNode c : root.path("dataCategories")) {
            categories.put(c.path("id").asText(), new DataCategory(c.path("id").asText(), c.path("title").asText()));
        }
        Map<String, ProhibitedUse> uses = new LinkedHashMap<>();
        for (ProhibitedUse u : clauses) uses.put(u.id(), u);
        // Purposes keep the order purposes.json lists them in (purposesAsListed); the other maps need none.
        return new Vocabulary(java.util.Collections.unmodifiableMap(purposes), Map.copyOf(categories), uses);
    }

    /** The clauses shipped in {@code prohibited-uses.json}. */
    public static List<ProhibitedUse> defaultProhibitedUses() {
        List<ProhibitedUse> out = new ArrayList<>();
        for (JsonNode c : read("prohibited-uses.json").path("clauses")) {
            out.add(new ProhibitedUse(c.path("id").asText(), c.path("text").asText()));
        }
        return List.copyOf(out);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** All purposes in vocabulary order. */
    public List<Purpose> purposes() {
        return purposes.values().stream().sorted(java.util.Comparator.comparing(Purpose::id)).toList();
    }

    /**
     * All purposes in the order {@code purposes.json} lists them: the order the signals rules load their
     * expectations in and name the purposes in their messages.
     */
    public List<Purpose> purposesAsListed() {
        return List.copyOf(purposes.values());
    }

    public Optional<Purpose> purpose(String id) {
        return Optional.ofNullable(purposes.get(id));
    }

    public List<DataCategory> dataCategories() {
        return dataCategories.values().stream().sorted(java.util.Comparator.comparing(DataCategory::id)).toList();
    }

    public boolean isDataCategory(String id) {
        return dataCategories.containsKey(id);
    }

    /** The clauses every declaration must acknowledge, in configured order. */
    public List<ProhibitedUse> prohibitedUses() {
        return List.copyOf(prohibitedUses.values());
    }
}
