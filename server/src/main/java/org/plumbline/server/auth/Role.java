package org.plumbline.server.auth;

import java.util.Arrays;
import java.util.Optional;

/** The roles of DESIGN.md. {@link #PUBLIC} is anyone who has not authenticated. */
public enum Role {
    ACCOUNT_MANAGER("account-manager"),
    REVIEWER("reviewer"),
    APPROVER("approver"),
    EXTERNAL_INVESTIGATOR("external-investigator"),
    AUDITOR("auditor"),
    ENFORCEMENT_SYSTEM("enforcement-system"),
    ADMIN("admin"),
    PUBLIC("public");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The name used in the database, the API and the UI. */
    public String id() {
        return id;
    }

    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
