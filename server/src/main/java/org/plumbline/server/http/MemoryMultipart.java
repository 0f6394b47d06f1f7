package org.plumbline.server.http;

import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code multipart/form-data} body read whole into memory, never into a temporary file: for uploads that
 * must not touch the disk before they are encrypted (the intake's attachments). Javalin's own multipart
 * handling spools any part over 1 MiB to the temporary directory, in the clear; here Jetty is told a file
 * threshold above {@link BodyLimit#MAX_BYTES}, so every part stays in its in-memory buffer. The body is still
 * counted by {@link BodyLimit} as it arrives, whatever the transfer encoding, so what is held is at most
 * {@link BodyLimit#MAX_BYTES} (plus the copies made here); callers bound how many such reads run at once.
 *
 * @param fields the text parts, by name (each at most once)
 * @param files  the file parts, in the order sent (a file input left empty is dropped)
 */
public record MemoryMultipart(Map<String, String> fields, List<File> files) {
    /** Jetty's request attribute for the multipart configuration (what Javalin sets for its own parsing). */
    private static final String CONFIG = "org.eclipse.jetty.multipartConfig";
    /** Above the body cap, so that no part ever reaches Jetty's spill-to-file threshold. */
    private static final int IN_MEMORY_THRESHOLD = Integer.MAX_VALUE;

    /** One uploaded file: its field, the name and media type the client gave, its bytes. */
    public record File(String field, String fileName, String contentType, byte[] content) {
        @Override
        public String toString() {
            return "MemoryMultipart.File[" + field + ", " + content.length + " bytes]";
        }
    }

    /**
     * Reads the request's parts.
     *
     * @param textFields the text parts allowed; any other is refused
     * @param fileField  the one part name files may come under
     * @throws ApiException 400 for a body that is not multipart/form-data, is malformed, repeats a text field,
     *                      has an unknown part or text that is not UTF-8; 413 past the body cap
     */
    public static MemoryMultipart read(Context ctx, Set<String> textFields, String fileField) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length())) {
            throw ApiException.badRequest(fileField, "send multipart/form-data, files in '" + fileField + "' parts");
        }
        ctx.req().setAttribute(CONFIG, new MultipartConfigElement("", -1, -1, IN_MEMORY_THRESHOLD));
        List<Part> parts;
        try {
            parts = List.copyOf(ctx.req().getParts());
        } catch (Exception e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() == 413) throw api;
            throw ApiException.badRequest("body", "malformed multipart/form-data: " + LogSafe.escape(shortReason(e)));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<File> files = new ArrayList<>();
        try {
            for (Part part : parts) {
                refuseSpooled(part);
                String name = part.getName() == null ? "" : part.getName();
                if (part.getSubmittedFileName() != null) {
                    if (!name.equals(fileField)) throw ApiException.badRequest(cut(name), "files go in '" + fileField + "' parts");
                    // A browser sends an empty part with an empty name for a file input left empty.
                    if (part.getSubmittedFileName().isEmpty() && part.getSize() == 0) continue;
                    files.add(new File(name, part.getSubmittedFileName(), part.getContentType(), bytes(part)));
                } else {
                    if (!textFields.contains(name)) throw ApiException.badRequest(cut(name), "unknown field");
                    if (fields.containsKey(name)) throw ApiException.badRequest(name, "sent more than once");
                    fields.put(name, utf8(part, name));
                }
            }
        } catch (IOException e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() == 413) throw api;
            throw ApiException.badRequest("body", "could not read a part of the multipart body");
        }
        return new MemoryMultipart(Map.copyOf(fields), List.copyOf(files));
    }

    /**
     * Checks what the threshold promises: a part Jetty wrote to a file (should a Jetty upgrade change how the
     * threshold is read) is deleted and the request fails, rather than a file in the clear passing unnoticed.
     */
    private static void refuseSpooled(Part part) throws IOException {
        if (part instanceof org.eclipse.jetty.server.MultiPartFormInputStream.MultiPart jetty && jetty.getFile() != null) {
            part.delete();
            throw new IllegalStateException("Jetty spooled a multipart part to a file despite the in-memory threshold");
        }
    }

    private static byte[] bytes(Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String utf8(Part part, String name) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes(part))).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(name, "is not UTF-8 text");
        }
    }

    private static String shortReason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 120 ? message.substring(0, 120) : message;
    }

    private static String cut(String name) {
        String escaped = LogSafe.escape(name);
        return escaped.length() > 100 ? escaped.substring(0, 100) : escaped;
    }
}
