package org.plumbline.signals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plumbline.core.domain.Finding;

/**
 * A finding as the JSON object {@code signals scan} and the Spark job print, one per line. Its fields
 * and their order are an output format people script against: change them only on purpose.
 */
public final class FindingJson {
    private FindingJson() {}

    /** Rule, title, severity, account, engagement, subject, window (ISO dates), evidence, figures and key. */
    public static Map<String, Object> toJsonObject(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("title", f.title());
        m.put("severity", f.severity());
        m.put("account", f.account());
        m.put("engagement", f.engagement());
        m.put("subject", f.subject());
        m.put("windowStart", f.windowStart().toString());
        m.put("windowEnd", f.windowEnd().toString());
        m.put("evidence", f.evidence());
        m.put("figures", f.figures());
        m.put("key", f.key());
        return m;
    }
}
