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

    /**
     * A machine client's role: it has no password and authenticates by bearer token alone. Every other
     * role is a person's, who signs in with password and second factor and is never issued a token.
     */
    public boolean machine() {
        return this == ENFORCEMENT_SYSTEM;
    }

    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
