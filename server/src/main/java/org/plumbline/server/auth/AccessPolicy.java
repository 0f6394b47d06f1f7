package org.plumbline.server.auth;

import static org.plumbline.server.auth.Role.ACCOUNT_MANAGER;
import static org.plumbline.server.auth.Role.ADMIN;
import static org.plumbline.server.auth.Role.APPROVER;
import static org.plumbline.server.auth.Role.AUDITOR;
import static org.plumbline.server.auth.Role.ENFORCEMENT_SYSTEM;
import static org.plumbline.server.auth.Role.EXTERNAL_INVESTIGATOR;
import static org.plumbline.server.auth.Role.REVIEWER;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.plumbline.server.http.ApiException;

/**
 * The one table that says which role may do what. Every route names a {@link Permission}; nothing else
 * in the server decides access by role (the per-case restriction of external investigators is applied
 * on top of this, in {@link CaseAccess}). Kept as data so that it can be read, printed and tested.
 */
public final class AccessPolicy {
    private static final Set<Role> PEOPLE = EnumSet.of(ACCOUNT_MANAGER, REVIEWER, APPROVER,
            EXTERNAL_INVESTIGATOR, AUDITOR, ADMIN);
    private static final Set<Role> EVERYONE_SIGNED_IN = EnumSet.complementOf(EnumSet.of(Role.PUBLIC));

    private static final Map<Permission, Set<Role>> TABLE = new EnumMap<>(Permission.class);

    static {
        TABLE.put(Permission.PUBLIC_READ, EnumSet.allOf(Role.class));
        TABLE.put(Permission.OWN_SESSION, EVERYONE_SIGNED_IN);
        TABLE.put(Permission.ENGAGEMENT_READ, EnumSet.of(ACCOUNT_MANAGER, REVIEWER, APPROVER, AUDITOR, ADMIN));
        TABLE.put(Permission.ENGAGEMENT_DECLARE, EnumSet.of(ACCOUNT_MANAGER));
        TABLE.put(Permission.CASE_READ, EnumSet.of(REVIEWER, APPROVER, EXTERNAL_INVESTIGATOR, AUDITOR, ADMIN));
        TABLE.put(Permission.CASE_OPEN, EnumSet.of(REVIEWER, APPROVER));
        TABLE.put(Permission.CASE_MANAGE, EnumSet.of(REVIEWER, APPROVER));
        TABLE.put(Permission.CASE_WORK, EnumSet.of(REVIEWER, APPROVER, EXTERNAL_INVESTIGATOR));
        TABLE.put(Permission.CASE_ASSIGN, EnumSet.of(REVIEWER, APPROVER, ADMIN));
        TABLE.put(Permission.DECIDE, EnumSet.of(REVIEWER, APPROVER));
        TABLE.put(Permission.DIRECTIVE_READ, EnumSet.of(REVIEWER, APPROVER, AUDITOR, ENFORCEMENT_SYSTEM, ADMIN));
        TABLE.put(Permission.DIRECTIVE_ACK, EnumSet.of(ENFORCEMENT_SYSTEM));
        // Usage data is provider metering, not customer content, but uploading it raises findings that open
        // cases: the people who work cases (reviewers) and those who run the system (admins) may.
        TABLE.put(Permission.USAGE_UPLOAD, EnumSet.of(REVIEWER, ADMIN));
        // Scan reports name accounts that belong to no engagement (hence to no case): the roles that read
        // cases in general, not an external investigator, who sees only the cases assigned to them.
        TABLE.put(Permission.USAGE_READ, EnumSet.of(REVIEWER, APPROVER, AUDITOR, ADMIN));
        // The intake: anyone may report, and the reporter's own report is opened by its receipt, not a role.
        // Recipients are reviewers by default (docs/SECURITY.md, "The intake of concerns").
        TABLE.put(Permission.INTAKE_SUBMIT, EnumSet.allOf(Role.class));
        TABLE.put(Permission.INTAKE_REPORTER, EnumSet.allOf(Role.class));
        TABLE.put(Permission.INTAKE_HANDLE, EnumSet.of(REVIEWER));
        TABLE.put(Permission.REVEAL, EnumSet.of(AUDITOR));
        // Who read which confidential case is itself sensitive (it maps staff and investigators to cases): the
        // auditors', whose job is checking that reading stayed with the people who needed it.
        TABLE.put(Permission.READS_AUDIT, EnumSet.of(AUDITOR));
        TABLE.put(Permission.USER_ADMIN, EnumSet.of(ADMIN));
        for (Permission p : Permission.values()) {
            if (!TABLE.containsKey(p)) {
                throw new ExceptionInInitializerError("AccessPolicy has no row for " + p);
            }
        }
    }

    private AccessPolicy() {
    }

    public static boolean allows(Role role, Permission permission) {
        return TABLE.get(permission).contains(role);
    }

    /**
     * Lets {@code principal} through if its role has {@code permission}. Otherwise an anonymous caller is
     * told to sign in (401) and a signed-in one that the role may not (403): the API's routes and the pages
     * both come through here, so they refuse the same requests in the same way.
     */
    public static void authorize(Permission permission, Principal principal) {
        if (allows(principal.role(), permission)) {
            return;
        }
        if (!principal.authenticated()) {
            throw ApiException.unauthenticated();
        }
        throw ApiException.forbidden("role " + principal.role().id() + " may not do this");
    }

    public static Set<Role> rolesFor(Permission permission) {
        return EnumSet.copyOf(TABLE.get(permission));
    }

    /** Roles that sign in with a password (the enforcement system only ever uses a bearer token). */
    static Set<Role> people() {
        return EnumSet.copyOf(PEOPLE);
    }
}
