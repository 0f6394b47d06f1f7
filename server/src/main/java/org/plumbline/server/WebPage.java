package org.plumbline.server;

import java.util.List;

/** What every page's layout needs: title, who is signed in, their CSRF token, the menu and a one-off message. */
record WebPage(String title, Principal principal, String csrf, List<NavItem> nav, String flash, boolean flashOk) {
    static final String HTMX_VERSION = "2.0.4";

    record NavItem(String label, String href, boolean active) {
    }

    boolean signedIn() {
        return principal != null && principal.authenticated();
    }
}
