package org.plumbline.signals.cases;

import java.util.ArrayList;
import java.util.List;
import org.plumbline.core.Core;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.Engagement;
import org.plumbline.signals.DeclaredUse;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.ServiceSuspension;

/**
 * Core's engagements (their current declarations) and directives, as the rules read them: each
 * engagement by its reference, so that the findings name it as core does. The server's scans and
 * {@code plumbline signals scan --database-url} read them the same way.
 */
public final class CoreDeclarations {
    private CoreDeclarations() {}

    /**
     * What a scan compares usage with. An engagement that declares no account or no purpose has nothing
     * a rule could contradict, and is left out.
     */
    public static Declarations of(Core core) {
        List<DeclaredUse> uses = new ArrayList<>();
        List<ServiceSuspension> suspensions = new ArrayList<>();
        for (Engagement e : core.engagements().list()) {
            Declaration d = core.engagements().current(e.id()).declaration();
            List<DeclaredUse.Account> accounts = d.accounts().stream()
                    .map(a -> new DeclaredUse.Account(a, d.billingAccount())).toList();
            if (accounts.isEmpty() || d.purposes().isEmpty()) continue;
            uses.add(new DeclaredUse(e.reference(), e.reference(), d.purposes(), accounts, d.regions()));
            for (var directive : core.directives().forEngagement(e.id())) {
                for (String account : directive.accounts()) {
                    suspensions.add(new ServiceSuspension(directive.subject(), account, directive.services(),
                            directive.effectiveAt()));
                }
            }
        }
        return new Declarations(uses, suspensions);
    }
}
