package org.plumbline.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * The declarations side of a scan as tables every engine loads the same way, plus the view that maps
 * usage accounts to engagements (by SubAccountId first, then by BillingAccountId for engagements that
 * declare a whole billing account).
 */
final class DeclarationTables {
    private DeclarationTables() {}

    static final String ACCOUNT_ENGAGEMENT_VIEW = """
            SELECT a.account_id, min(coalesce(s.engagement_id, b.engagement_id)) AS engagement_id
            FROM (SELECT DISTINCT account_id, billing_account_id FROM usage_daily) a
            LEFT JOIN engagement_account s ON s.sub_account_id = a.account_id
            LEFT JOIN engagement_account b ON b.sub_account_id IS NULL AND b.billing_account_id = a.billing_account_id
            WHERE coalesce(s.engagement_id, b.engagement_id) IS NOT NULL
            GROUP BY a.account_id""";

    static List<TableData> of(Declarations d, PurposeVocabulary vocabulary) {
        List<List<Object>> accounts = new ArrayList<>(), purposes = new ArrayList<>(), regions = new ArrayList<>();
        for (DeclaredUse e : d.engagements()) {
            for (DeclaredUse.Account a : e.accounts()) accounts.add(row(e.id(), a.subAccountId(), a.billingAccountId()));
            for (String p : e.purposes()) purposes.add(row(e.id(), p));
            for (String r : e.regions()) regions.add(row(e.id(), r.toLowerCase(java.util.Locale.ROOT)));
        }
        List<List<Object>> expectations = new ArrayList<>();
        for (PurposeVocabulary.Expectation x : vocabulary.expectations()) expectations.add(row(x.purpose(), x.kind(), x.value()));
        List<List<Object>> directives = new ArrayList<>();
        for (ServiceSuspension dir : d.directives()) {
            for (String s : dir.services()) directives.add(row(dir.id(), dir.account(), s, dir.effective().getEpochSecond()));
        }
        return List.of(
                new TableData("engagement_account", List.of("engagement_id", "sub_account_id", "billing_account_id"),
                        List.of("VARCHAR", "VARCHAR", "VARCHAR"), accounts),
                new TableData("engagement_purpose", List.of("engagement_id", "purpose"), List.of("VARCHAR", "VARCHAR"), purposes),
                new TableData("engagement_region", List.of("engagement_id", "region"), List.of("VARCHAR", "VARCHAR"), regions),
                new TableData("purpose_expectation", List.of("purpose", "kind", "value"),
                        List.of("VARCHAR", "VARCHAR", "VARCHAR"), expectations),
                new TableData("directive", List.of("directive_id", "account_id", "service", "effective_epoch"),
                        List.of("VARCHAR", "VARCHAR", "VARCHAR", "BIGINT"), directives));
    }

    private static List<Object> row(Object... values) {
        List<Object> r = new ArrayList<>();
        for (Object v : values) r.add(v);
        return r;
    }
}
