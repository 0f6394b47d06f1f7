package org.plumbline.server;

/** Who is making a request, once authenticated; {@link #ANONYMOUS} otherwise. */
record Principal(long userId, String username, String displayName, Role role) {
    static final Principal ANONYMOUS = new Principal(0, "", "anonymous", Role.PUBLIC);

    boolean authenticated() {
        return role != Role.PUBLIC;
    }

    /** The actor named in records this principal causes, e.g. {@code reviewer:rlindqvist}. */
    String actor() {
        return role.id() + ":" + username;
    }
}
