package org.plumbline.server.api;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.domain.Assessment;
import org.plumbline.core.domain.CaseEvent;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.Comment;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.Decision;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.domain.Evidence;
import org.plumbline.core.domain.Wire;

/**
 * How domain values look in the JSON API: enums by their wire names, times in ISO-8601 UTC, and every
 * logged thing with its log index and the URL of its proof. Maps keep the field order stable for humans.
 */
public final class Views {
    private Views() {
    }

    public static String proofUrl(long logIndex) {
        return "/api/records/" + logIndex + "/proof";
    }

    private static Map<String, Object> logged(Map<String, Object> m, long logIndex) {
        m.put("logIndex", logIndex);
        m.put("proof", proofUrl(logIndex));
        return m;
    }

    static Map<String, Object> customer(Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("kind", Wire.name(c.kind()));
        m.put("country", c.country());
        m.put("parentId", c.parentId());
        m.put("createdAt", c.createdAt());
        return logged(m, c.logIndex());
    }

    static Map<String, Object> engagement(Engagement e, Customer customer, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("reference", e.reference());
        m.put("customer", customer == null ? Map.of("id", e.customerId()) : Map.of("id", customer.id(), "name", customer.name(),
                "country", customer.country()));
        m.put("version", e.version());
        m.put("status", Wire.name(e.status()));
        m.put("severity", e.severity());
        m.put("nextReviewAt", e.nextReviewAt());
        m.put("reviewDue", e.reviewDue(now));
        m.put("createdAt", e.createdAt());
        return m;
    }

    static Map<String, Object> declaration(Declaration d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accounts", d.accounts());
        m.put("billingAccount", d.billingAccount());
        m.put("services", d.services());
        m.put("regions", d.regions());
        m.put("contractReference", d.contractReference());
        m.put("purposes", d.purposes());
        m.put("dataCategories", d.dataCategories());
        m.put("acknowledgedProhibitedUses", d.acknowledgedProhibitedUses());
        Map<String, Object> a = new HashMap<>();
        if (d.attestation() != null) {
            a.put("accountManager", d.attestation().accountManager());
            a.put("statement", d.attestation().statement());
        }
        m.put("attestation", a);
        return m;
    }

    static Map<String, Object> version(EngagementVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("declaredBy", v.declaredBy());
        m.put("declaredAt", v.declaredAt());
        m.put("declaration", declaration(v.declaration()));
        return logged(m, v.logIndex());
    }

    static Map<String, Object> caseSummary(CaseFile c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("title", c.title());
        m.put("engagementId", c.engagementId());
        m.put("origin", Wire.name(c.origin()));
        m.put("state", Wire.name(c.state()));
        m.put("level", Wire.name(c.level()));
        m.put("severity", c.severity());
        m.put("assignee", c.assignee());
        m.put("dueAt", c.dueAt());
        m.put("overdue", c.overdue(now));
        m.put("confidential", c.confidential());
        m.put("version", c.version());
        return logged(m, c.logIndex());
    }

    static Map<String, Object> caseFull(CaseFile c, Instant now) {
        Map<String, Object> m = caseSummary(c, now);
        m.put("originRef", c.originRef());
        m.put("summary", c.summary());
        m.put("openedBy", c.openedBy());
        m.put("openedAt", c.openedAt());
        return m;
    }

    static Map<String, Object> assessment(Assessment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("scale", a.input().scale());
        m.put("scope", a.input().scope());
        m.put("irremediability", a.input().irremediability());
        m.put("likelihood", a.input().likelihood());
        m.put("severity", a.severity());
        m.put("priority", a.priority());
        m.put("leverage", Wire.name(a.input().leverage()));
        m.put("relation", Wire.name(a.input().relation()));
        m.put("rationale", a.input().rationale());
        m.put("assessor", a.assessor());
        m.put("at", a.at());
        return logged(m, a.logIndex());
    }

    static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("sha256", e.sha256());
        m.put("size", e.size());
        m.put("mediaType", e.mediaType());
        m.put("fileName", e.fileName());
        m.put("description", e.description());
        m.put("attachedBy", e.attachedBy());
        m.put("at", e.at());
        m.put("download", "/api/cases/" + e.caseId() + "/evidence/" + e.sha256());
        return logged(m, e.logIndex());
    }

    static Map<String, Object> comment(Comment c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("author", c.author());
        m.put("body", c.body());
        m.put("at", c.at());
        return m;
    }

    static Map<String, Object> event(CaseEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", Wire.name(e.from()));
        m.put("to", Wire.name(e.to()));
        m.put("level", Wire.name(e.level()));
        m.put("note", e.note());
        m.put("actor", e.actor());
        m.put("at", e.at());
        return logged(m, e.logIndex());
    }

    static Map<String, Object> decision(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("kind", Wire.name(d.kind()));
        m.put("accounts", d.accounts());
        m.put("services", d.services());
        m.put("conditions", d.conditions());
        m.put("rationale", d.rationale());
        m.put("decider", d.decider());
        m.put("level", Wire.name(d.level()));
        m.put("at", d.at());
        return logged(m, d.logIndex());
    }

    static Map<String, Object> directive(Directive d, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("cursor", d.cursor());
        m.put("engagementId", d.engagementId());
        m.put("decisionId", d.decisionId());
        m.put("action", Wire.name(d.action()));
        m.put("accounts", d.accounts());
        m.put("services", d.services());
        m.put("effectiveAt", d.effectiveAt());
        m.put("ackDeadline", d.ackDeadline());
        m.put("issuedAt", d.issuedAt());
        m.put("overdue", d.overdue(now));
        // The signed payload and its Ed25519 signature, so that an enforcement system can check that
        // the directive is authentic before acting on it.
        m.put("payload", Base64.getEncoder().encodeToString(d.payload()));
        m.put("signature", Base64.getEncoder().encodeToString(d.signature()));
        if (d.ack() != null) {
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("client", d.ack().client());
            ack.put("outcome", Wire.name(d.ack().outcome()));
            ack.put("detail", d.ack().detail());
            ack.put("at", d.ack().at());
            m.put("acknowledgement", logged(ack, d.ack().logIndex()));
        } else {
            m.put("acknowledgement", null);
        }
        return logged(m, d.cursor());
    }

    static <T> List<Map<String, Object>> all(List<T> items, java.util.function.Function<T, Map<String, Object>> view) {
        return items.stream().map(view).toList();
    }
}
