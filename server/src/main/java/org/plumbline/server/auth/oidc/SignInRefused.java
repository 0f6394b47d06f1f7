package org.plumbline.server.auth.oidc;

/**
 * A single sign-on that did not sign anyone in. {@link #getMessage()} is written for the person at the
 * browser and says what they can do; {@link #detail()} is for the server's log (which check failed), and
 * holds no token, code or secret.
 */
public final class SignInRefused extends Exception {
    private final int status;
    private final String detail;

    SignInRefused(int status, String message, String detail) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    /** The HTTP status of the page that says so: 400 for a broken or stale sign-in, 403 for a refused person. */
    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    static SignInRefused stale(String detail) {
        return new SignInRefused(400, "This sign-in link is no longer valid (it was used already, has expired, or was "
                + "started in another browser). Start again from the sign-in page.", detail);
    }

    static SignInRefused failed(String detail) {
        return new SignInRefused(400, "Single sign-on did not complete: the identity provider's answer could not be "
                + "accepted. Start again from the sign-in page; if this keeps happening, tell your administrator.", detail);
    }

    static SignInRefused person(String message, String detail) {
        return new SignInRefused(403, message, detail);
    }
}
