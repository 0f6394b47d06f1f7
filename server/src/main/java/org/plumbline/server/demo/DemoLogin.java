package org.plumbline.server.demo;

/**
 * One demo sign-in, as printed by {@code plumbline demo}: a person's username and password, or, for the
 * enforcement system, the bearer token it polls directives with.
 */
public record DemoLogin(String role, String username, String displayName, String secret, boolean isToken) {
}
