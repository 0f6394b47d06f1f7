package org.plumbline.server.auth;

/**
 * Who is making a request, once authenticated; {@link #ANONYMOUS} otherwise.
 *
 * @param leadership an approver who also stands on the top rung of the escalation ladder
 */
public record Principal(long userId, String username, String displayName, Role role, boolean leadership) {
    public static final Principal ANONYMOUS = new Principal(0, "", "anonymous", Role.PUBLIC, false);

    public boolean authenticated() {
        return role != Role.PUBLIC;
    }

    /**
     * The actor named in the records this principal causes: {@code user/<id>}. Records are public,
     * and account names often spell out a person's name; an opaque account identifier keeps staff
     * from being named in public while an auditor can still ask who {@code user/17} is.
     */
    public String actor() {
        return actorOf(userId);
    }

    public static String actorOf(long userId) {
        return "user/" + userId;
    }
}
