package org.plumbline.server.web;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code as inline SVG, drawn on the server (ZXing's encoder): the second factor's {@code otpauth:} link for
 * an authenticator app to scan. Nothing is fetched and no script runs, so it fits the pages' content security
 * policy, and the secret it holds never leaves the page it is shown on.
 */
final class QrCode {
    /** Longer text than an {@code otpauth:} link ever is: refused rather than drawn as a dense, unscannable code. */
    static final int MAX_TEXT = 512;

    private QrCode() {
    }

    /** {@code text} as an SVG element, one square path per dark module, with the quiet zone the standard asks for. */
    static String svg(String text, String label) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("QR code text of " + text.length() + " characters; at most " + MAX_TEXT);
        }
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" + escape(label)
                + "\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight() + "\" width=\"" + m.getWidth() * 5 + "\" height=\""
                + m.getHeight() * 5 + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
