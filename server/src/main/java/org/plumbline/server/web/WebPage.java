package org.plumbline.server.web;

import java.util.List;
import org.plumbline.server.auth.Principal;

/** What every page's layout needs: title, who is signed in, their CSRF token, the menu and a one-off message. */
record WebPage(String title, Principal principal, String csrf, List<NavItem> nav, String flash, boolean flashOk) {
    static final String HTMX_VERSION = "2.0.4";

    record NavItem(String label, String href, boolean active) {
    }

    boolean signedIn() {
        return principal != null && principal.authenticated();
    }
}
