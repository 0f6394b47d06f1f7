package org.plumbline.server;

/**
 * Who is making a request, once authenticated; {@link #ANONYMOUS} otherwise.
 *
 * @param leadership an approver who also stands on the top rung of the escalation ladder
 */
record Principal(long userId, String username, String displayName, Role role, boolean leadership) {
    static final Principal ANONYMOUS = new Principal(0, "", "anonymous", Role.PUBLIC, false);

    boolean authenticated() {
        return role != Role.PUBLIC;
    }

    /** The actor named in the records this principal causes: the account name. */
    String actor() {
        return username;
    }
}
