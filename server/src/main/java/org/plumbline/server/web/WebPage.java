package org.plumbline.server.web;

import java.util.List;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;

/** What every page's layout needs: title, who is signed in, their CSRF token, the menu and a one-off message. */
record WebPage(String title, Principal principal, String csrf, List<NavItem> nav, String flash, boolean flashOk,
        People people) {
    static final String HTMX_VERSION = "2.0.4";

    WebPage(String title, Principal principal, String csrf, List<NavItem> nav, String flash, boolean flashOk) {
        this(title, principal, csrf, nav, flash, flashOk, People.NONE);
    }

    /** A person as this page's reader may see them: a name for signed-in people, the record's id for the public. */
    String name(String who) {
        return people.name(who);
    }

    record NavItem(String label, String href, boolean active) {
    }

    /**
     * Whether the reader may open engagements: pages link an engagement's reference only then (an external
     * investigator sees the reference on their case, but the access policy keeps engagements from them).
     */
    boolean seesEngagements() {
        return principal != null && AccessPolicy.allows(principal.role(), Permission.ENGAGEMENT_READ);
    }

    boolean signedIn() {
        return principal != null && principal.authenticated();
    }
}
