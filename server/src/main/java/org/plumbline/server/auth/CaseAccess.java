package org.plumbline.server.auth;

import org.plumbline.core.domain.CaseFile;
import org.plumbline.server.http.ApiException;

/**
 * The per-case part of access control, on top of {@link AccessPolicy}: an external investigator (e.g. an
 * outside law firm) sees only the cases assigned to them. To them, any other case does not exist (404,
 * not 403), so that they cannot learn which case numbers are in use.
 */
public final class CaseAccess {
    private CaseAccess() {
    }

    public static boolean maySee(Principal p, CaseFile c) {
        if (!AccessPolicy.allows(p.role(), Permission.CASE_READ)) {
            return false;
        }
        return p.role() != Role.EXTERNAL_INVESTIGATOR || p.username().equals(c.assignee());
    }

    public static CaseFile require(Principal p, CaseFile c) {
        if (!maySee(p, c)) {
            throw ApiException.notFound("case " + c.id());
        }
        return c;
    }
}
