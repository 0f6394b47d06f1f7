package org.plumbline.server.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may be sent. A URL an administrator types would otherwise let the server be pointed at
 * its own network (server-side request forgery): its metadata service, its database, an admin port on
 * loopback. So the URL must be http(s) without credentials, and every address its host resolves to must be
 * public, unless the operator allowed private addresses ({@link NotifyConfig#allowPrivateWebhooks()}).
 * The check runs when the webhook is registered and again at every delivery, and the delivery connects to
 * the very address that was checked ({@link WebhookClient}), so a DNS answer that changes in between
 * (rebinding) gains nothing.
 */
final class WebhookAddress {
    static final int MAX_URL_LENGTH = 2000;

    private WebhookAddress() {
    }

    /**
     * The URL, checked for form.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("give the URL to send to");
        }
        if (url.length() > MAX_URL_LENGTH || url.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("the URL must be at most " + MAX_URL_LENGTH + " printable ASCII characters without spaces");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the URL must start with https:// (or http://)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the URL must name a host, without a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL must not have a fragment (#…)");
        }
        return uri;
    }

    /**
     * The addresses {@code uri}'s host resolves to, all of them allowed; the first is the one to connect to.
     *
     * @throws IllegalArgumentException if the host does not resolve, or resolves to an address not allowed
     */
    static InetAddress resolve(URI uri, boolean allowPrivate) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress a : all) {
            if (!allowPrivate && !isPublic(a)) {
                throw new IllegalArgumentException("the host " + uri.getHost() + " is a loopback, link-local or private address ("
                        + a.getHostAddress() + "); webhooks go to public addresses unless the operator allows private ones");
            }
        }
        return all[0];
    }

    /** Not loopback, link-local, site-local (RFC 1918), unique-local (fc00::/7), carrier-grade NAT, multicast or unspecified. */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // 100.64/10, carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24, protocol assignments
                    && first < 240;                             // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false;                                   // fc00::/7, unique local
            }
            // ::ffff:a.b.c.d (IPv4-mapped) is returned by Java as an Inet4Address already; ::a.b.c.d (compatible)
            // and 64:ff9b::/96 (NAT64) carry an IPv4 address that must pass the same test.
            boolean compatible = true;
            for (int i = 0; i < 12; i++) {
                compatible &= b[i] == 0;
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            if (compatible || nat64) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
